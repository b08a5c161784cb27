package dev.lethe.adapter.http;

import dev.lethe.application.port.in.ManageApiKeysUseCase;
import dev.lethe.application.port.in.ManageApiKeysUseCase.IssueKeyResult;
import dev.lethe.application.port.in.ManageApiKeysUseCase.RevokeKeyCommand;
import dev.lethe.application.port.in.ManageApiKeysUseCase.RevokeKeyResult;
import dev.lethe.domain.tenant.ApiKey;
import dev.lethe.domain.tenant.TenantId;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * API key rotation and revocation: {@code /v1/tenants/{tenantId}/keys} for the operator (admin key), and
 * {@code /v1/keys} for the authenticated tenant's own keys. A new key is shown once; lists show ids and
 * dates, never a key or its hash. A tenant may not revoke its own last active key (it would lock itself
 * out); the operator may.
 */
final class ApiKeysHandler {
    private final ManageApiKeysUseCase keys;
    private final Blocking blocking;
    private final String adminKey;
    private final Consumer<TenantId> onRevoked;

    ApiKeysHandler(ManageApiKeysUseCase keys, Blocking blocking, String adminKey, Consumer<TenantId> onRevoked) {
        this.keys = keys;
        this.blocking = blocking;
        this.adminKey = adminKey;
        this.onRevoked = onRevoked;
    }

    record KeyResponse(String id, Instant createdAt, Instant revokedAt, boolean active) {
        static KeyResponse of(ApiKey key) {
            return new KeyResponse(key.id(), key.createdAt(), key.revokedAt().orElse(null), key.active());
        }
    }

    record IssuedKeyResponse(String id, String apiKey, Instant createdAt) {}

    record KeysResponse(List<KeyResponse> keys) {}

    void issueForTenant(RoutingContext ctx) {
        ApiKeyAuthHandler.requireAdmin(ctx, adminKey, "managing a tenant's keys");
        issue(ctx, Params.tenantId(ctx.pathParam("tenantId")), "/v1/tenants/" + ctx.pathParam("tenantId") + "/keys/");
    }

    void listForTenant(RoutingContext ctx) {
        ApiKeyAuthHandler.requireAdmin(ctx, adminKey, "managing a tenant's keys");
        list(ctx, Params.tenantId(ctx.pathParam("tenantId")));
    }

    void revokeForTenant(RoutingContext ctx) {
        ApiKeyAuthHandler.requireAdmin(ctx, adminKey, "managing a tenant's keys");
        revoke(ctx, new RevokeKeyCommand(Params.tenantId(ctx.pathParam("tenantId")), Params.keyId(ctx.pathParam("keyId")), false));
    }

    void issueOwn(RoutingContext ctx) {
        issue(ctx, ApiKeyAuthHandler.tenant(ctx).id(), "/v1/keys/");
    }

    void listOwn(RoutingContext ctx) {
        list(ctx, ApiKeyAuthHandler.tenant(ctx).id());
    }

    void revokeOwn(RoutingContext ctx) {
        revoke(ctx, new RevokeKeyCommand(ApiKeyAuthHandler.tenant(ctx).id(), Params.keyId(ctx.pathParam("keyId")), true));
    }

    private void issue(RoutingContext ctx, TenantId tenant, String location) {
        blocking.run(ctx, () -> keys.issue(tenant), (c, result) -> {
            if (result instanceof IssueKeyResult.Issued issued) {
                c.response().putHeader("Location", location + issued.key().id());
                Blocking.json(c, 201, new IssuedKeyResponse(issued.key().id(), issued.apiKey(), issued.key().createdAt()));
            } else if (result instanceof IssueKeyResult.TenantNotFound) {
                c.fail(Problem.notFound("tenantId", "no tenant " + tenant));
            } else {
                c.fail(new Problem(409, "too_many_keys", Optional.empty(),
                        "the tenant holds " + ManageApiKeysUseCase.MAX_ACTIVE_KEYS + " active keys already; revoke one first"));
            }
        });
    }

    private void list(RoutingContext ctx, TenantId tenant) {
        blocking.run(ctx, () -> keys.list(tenant), (c, found) -> Blocking.jsonOrMissing(c, found,
                all -> new KeysResponse(all.stream().map(KeyResponse::of).toList()), Problem.notFound("tenantId", "no tenant " + tenant)));
    }

    private void revoke(RoutingContext ctx, RevokeKeyCommand command) {
        blocking.run(ctx, () -> keys.revoke(command), (c, result) -> {
            if (result instanceof RevokeKeyResult.Revoked revoked) {
                onRevoked.accept(command.tenantId());
                Blocking.json(c, 200, KeyResponse.of(revoked.key()));
            } else if (result instanceof RevokeKeyResult.NotFound) {
                c.fail(Problem.notFound("keyId", "no active key " + command.keyId()));
            } else {
                c.fail(new Problem(409, "last_active_key", Optional.of("keyId"),
                        "this is the tenant's last active key; issue a new one (POST /v1/keys) before revoking it"));
            }
        });
    }
}
