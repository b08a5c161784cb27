package dev.lethe.adapter.http;

import dev.lethe.application.port.in.CreateTenantCommand;
import dev.lethe.application.port.in.CreateTenantResult;
import dev.lethe.application.port.in.CreateTenantUseCase;
import dev.lethe.application.port.in.DeleteTenantUseCase;
import dev.lethe.application.port.in.ListTenantsUseCase;
import dev.lethe.domain.tenant.Tenant;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.tenant.TenantKind;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code /v1/tenants}: the platform operator (admin key) lists the tenants, creates a tenant and receives
 * its API key once, or deletes a tenant with all its data.
 */
final class TenantsHandler {
    private final CreateTenantUseCase create;
    private final DeleteTenantUseCase delete;
    private final ListTenantsUseCase list;
    private final Blocking blocking;
    private final String adminKey;
    private final Consumer<Tenant> onCreated;
    private final Consumer<TenantId> onDeleted;

    TenantsHandler(CreateTenantUseCase create, DeleteTenantUseCase delete, ListTenantsUseCase list, Blocking blocking, String adminKey,
                   Consumer<Tenant> onCreated, Consumer<TenantId> onDeleted) {
        this.create = create;
        this.delete = delete;
        this.list = list;
        this.blocking = blocking;
        this.adminKey = adminKey;
        this.onCreated = onCreated;
        this.onDeleted = onDeleted;
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

    record TenantsResponse(List<TenantResponse> tenants) {}

    void list(RoutingContext ctx) {
        ApiKeyAuthHandler.requireAdmin(ctx, adminKey, "listing tenants");
        blocking.run(ctx, list::tenants, (c, tenants) -> Blocking.json(c, 200, new TenantsResponse(tenants.stream()
                .map(t -> new TenantResponse(t.id().value(), t.name(), t.kind().wireName(), t.createdAt(), null)).toList())));
    }

    void create(RoutingContext ctx) {
        ApiKeyAuthHandler.requireAdmin(ctx, adminKey, "creating tenants");
        TenantRequest request = TenantRequest.from(ctx);
        if (request.apiKey().filter(key -> ApiKeyAuthHandler.sameKey(key, adminKey)).isPresent()) {
            throw Problem.badRequest("apiKey", "api_key_is_admin_key", "a tenant's API key must not be the admin key");
        }
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

    void delete(RoutingContext ctx) {
        ApiKeyAuthHandler.requireAdmin(ctx, adminKey, "deleting tenants");
        TenantId id = Params.tenantId(ctx.pathParam("tenantId"));
        blocking.run(ctx, () -> delete.delete(id), (c, deleted) -> {
            onDeleted.accept(id);
            if (deleted) {
                c.response().setStatusCode(204).end();
            } else {
                c.fail(Problem.notFound("tenantId", "no tenant " + id));
            }
        });
    }
}
