package dev.lethe.application.port.in;

import dev.lethe.domain.tenant.TenantId;

/** Tells which forgetting curve decays a tenant's interests. Blocks on the store. */
public interface GetForgettingCurveUseCase {

    /** The curve in force and the fitted curves. */
    ForgettingCurves forgettingCurves(TenantId tenantId);
}
