package dev.lethe.adapter.http;

import dev.lethe.application.port.in.ForgettingCurves;
import dev.lethe.application.port.in.GetForgettingCurveUseCase;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.application.port.in.ManageModelsUseCase;
import dev.lethe.domain.registry.ModelVersion;
import dev.lethe.domain.tenant.Tenant;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code /v1/models} (list, activate = also rollback) and {@code /v1/forgetting-curve}. */
final class ModelsHandler {
    private final ManageModelsUseCase models;
    private final GetForgettingCurveUseCase curves;
    private final Blocking blocking;

    ModelsHandler(ManageModelsUseCase models, GetForgettingCurveUseCase curves, Blocking blocking) {
        this.models = models;
        this.curves = curves;
        this.blocking = blocking;
    }

    record ModelResponse(int version, String family, String engine, Map<String, Double> metrics, boolean active, Instant createdAt) {
        static ModelResponse of(ModelVersion v) {
            return new ModelResponse(v.version(), v.family(), v.engine(), v.metrics(), v.active(), v.createdAt());
        }
    }

    record ModelsResponse(List<ModelResponse> models) {}

    record FittedCurveResponse(String scope, CurveResponse curve, Map<String, Double> statistics, Instant fittedAt) {}

    record CurvesResponse(CurveResponse inForce, List<FittedCurveResponse> fitted, int userCurves, String userCurve) {}

    record UserCurveResponse(String user, CurveResponse curve, Map<String, Double> statistics) {}

    void list(RoutingContext ctx) {
        Tenant tenant = ApiKeyAuthHandler.tenant(ctx);
        blocking.run(ctx, () -> models.list(tenant.id()),
                (c, versions) -> Blocking.json(c, 200, new ModelsResponse(versions.stream().map(ModelResponse::of).toList())));
    }

    void activate(RoutingContext ctx) {
        Tenant tenant = ApiKeyAuthHandler.tenant(ctx);
        int version = Params.pathInteger(ctx.pathParam("version"), "version");
        blocking.run(ctx, () -> models.activate(tenant.id(), version), (c, activated) ->
                Blocking.jsonOrMissing(c, activated, ModelResponse::of, Problem.notFound("version", "no model version " + version)));
    }

    void forgettingCurve(RoutingContext ctx) {
        Tenant tenant = ApiKeyAuthHandler.tenant(ctx);
        blocking.run(ctx, () -> curves.forgettingCurves(tenant.id()), (c, found) -> Blocking.json(c, 200, response(found)));
    }

    void userForgettingCurve(RoutingContext ctx) {
        Tenant tenant = ApiKeyAuthHandler.tenant(ctx);
        UserId user = new UserId(ctx.pathParam("userId"));
        blocking.run(ctx, () -> curves.userCurve(tenant.id(), user), (c, found) ->
                Blocking.json(c, 200, new UserCurveResponse(user.value(), CurveResponse.of(found.curve(), found.scope()), found.statistics())));
    }

    private static CurvesResponse response(ForgettingCurves found) {
        return new CurvesResponse(CurveResponse.of(found.inForce(), found.scope()), found.fitted().stream()
                .map(s -> new FittedCurveResponse(s.scope(), CurveResponse.of(s.curve(), s.scope()), s.statistics(), s.fittedAt()))
                .toList(), found.userCurves(), "/v1/users/{userId}/forgetting-curve");
    }
}
