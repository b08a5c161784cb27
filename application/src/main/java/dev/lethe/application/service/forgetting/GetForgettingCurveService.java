package dev.lethe.application.service.forgetting;

import dev.lethe.application.port.in.ForgettingCurves;
import dev.lethe.application.port.in.GetForgettingCurveUseCase;
import dev.lethe.application.port.out.ForgettingCurveRepository;
import dev.lethe.application.service.serving.ServingModels;
import dev.lethe.application.service.serving.ServingModels.CurveInForce;
import dev.lethe.domain.tenant.TenantId;

/** Reports the curve serving uses for a tenant next to every curve fitted for it. */
public final class GetForgettingCurveService implements GetForgettingCurveUseCase {
    private final ForgettingCurveRepository curves;
    private final ServingModels models;

    public GetForgettingCurveService(ForgettingCurveRepository curves, ServingModels models) {
        this.curves = curves;
        this.models = models;
    }

    @Override
    public ForgettingCurves forgettingCurves(TenantId tenantId) {
        CurveInForce inForce = models.tenantCurve(tenantId);
        return new ForgettingCurves(inForce.curve(), inForce.scope(), curves.list(tenantId));
    }
}
