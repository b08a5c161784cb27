package dev.lethe.adapter.http;

import dev.lethe.application.port.in.CreateTenantCommand;
import dev.lethe.application.port.in.CreateTenantResult;
import dev.lethe.application.port.in.CreateTenantUseCase;
import dev.lethe.domain.tenant.Tenant;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.tenant.TenantKind;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** {@code POST /v1/tenants}: the platform operator (admin key) creates a tenant and receives its API key once. */
final class TenantsHandler {
    private final CreateTenantUseCase create;
    private final Blocking blocking;
    private final String adminKey;
    private final Consumer<Tenant> onCreated;

    TenantsHandler(CreateTenantUseCase create, Blocking blocking, String adminKey, Consumer<Tenant> onCreated) {
        this.create = create;
        this.blocking = blocking;
        this.adminKey = adminKey;
        this.onCreated = onCreated;
    }

    record TenantRequest(TenantId id, String name, TenantKind kind, Optional<String> apiKey) {
        static TenantRequest from(RoutingContext ctx) {
            JsonFields f = JsonFields.of(Json.tree(ctx.body().buffer(), "body"), "", Set.of("id", "name", "kind", "apiKey"));
            TenantId id = f.convert("id", f.requiredText("id"), TenantId::new);
            String name = f.requiredText("name");
            TenantKind kind = f.convert("kind", f.requiredText("kind"), TenantKind::parse);
            return new TenantRequest(id, name, kind, f.optionalText("apiKey"));
        }
    }

    record TenantResponse(String id, String name, String kind, Instant createdAt, String apiKey) {}

    void create(RoutingContext ctx) {
        String given = ApiKeyAuthHandler.bearer(ctx.request().getHeader("Authorization"));
        if (!ApiKeyAuthHandler.sameKey(given, adminKey)) {
            throw Problem.unauthorized("unknown_admin_key", "creating tenants needs the admin key");
        }
        TenantRequest request = TenantRequest.from(ctx);
        // The command's own validation names the field (name, apiKey); the failure handler passes it on.
        CreateTenantCommand command = new CreateTenantCommand(request.id(), request.name(), request.kind(), request.apiKey());
        blocking.run(ctx, () -> create.create(command), (c, result) -> {
            if (result instanceof CreateTenantResult.Created created) {
                Tenant t = created.tenant();
                onCreated.accept(t);
                c.response().putHeader("Location", "/v1/tenants/" + t.id().value());
                Blocking.json(c, 201, new TenantResponse(t.id().value(), t.name(), t.kind().wireName(), t.createdAt(), created.apiKey()));
            } else if (result instanceof CreateTenantResult.AlreadyExists exists) {
                c.fail(new Problem(409, "tenant_exists", Optional.of("id"), "tenant " + exists.tenantId() + " exists already"));
            } else {
                c.fail(new Problem(409, "api_key_in_use", Optional.of("apiKey"), "this API key is already in use"));
            }
        });
    }
}
