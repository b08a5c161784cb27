package dev.lethe.application.port.in;

import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.tenant.TenantId;

/** Tells which forgetting curve decays a tenant's interests. Blocks on the store. */
public interface GetForgettingCurveUseCase {

    /** The curve in force, the fitted tenant and per-type curves, and the number of per-user curves. */
    ForgettingCurves forgettingCurves(TenantId tenantId);

    /** The curve in force for one user. */
    ForgettingCurves.UserCurveInForce userCurve(TenantId tenantId, UserId userId);
}
