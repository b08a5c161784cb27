package dev.lethe.application.service.forgetting;

import dev.lethe.application.port.in.ForgettingCurves;
import dev.lethe.application.port.in.GetForgettingCurveUseCase;
import dev.lethe.application.port.out.ForgettingCurveRepository;
import dev.lethe.application.service.serving.ServingModels;
import dev.lethe.application.service.serving.ServingModels.CurveInForce;
import dev.lethe.application.port.out.ForgettingCurveRepository.StoredCurve;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.tenant.TenantId;
import java.util.List;
import java.util.Map;

/** Reports the curve serving uses for a tenant next to its fitted tenant and per-type curves, and one user's curve. */
public final class GetForgettingCurveService implements GetForgettingCurveUseCase {
    private static final String USER_PREFIX = "user:";
    private final ForgettingCurveRepository curves;
    private final ServingModels models;

    public GetForgettingCurveService(ForgettingCurveRepository curves, ServingModels models) {
        this.curves = curves;
        this.models = models;
    }

    @Override
    public ForgettingCurves forgettingCurves(TenantId tenantId) {
        CurveInForce inForce = models.tenantCurve(tenantId);
        List<StoredCurve> all = curves.list(tenantId);
        List<StoredCurve> summary = all.stream().filter(c -> !c.scope().startsWith(USER_PREFIX)).toList();
        return new ForgettingCurves(inForce.curve(), inForce.scope(), summary, all.size() - summary.size());
    }

    @Override
    public ForgettingCurves.UserCurveInForce userCurve(TenantId tenantId, UserId userId) {
        CurveInForce inForce = models.curveFor(tenantId, userId);
        Map<String, Double> statistics = curves.find(tenantId, inForce.scope()).map(StoredCurve::statistics).orElse(Map.of());
        return new ForgettingCurves.UserCurveInForce(inForce.curve(), inForce.scope(), statistics);
    }
}
