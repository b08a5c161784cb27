package dev.lethe.adapter.http;

import dev.lethe.application.port.in.AuthenticateTenantUseCase;
import dev.lethe.domain.tenant.Tenant;
import dev.lethe.domain.tenant.TenantId;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Resolves {@code Authorization: Bearer <key>} to the caller's tenant and puts it on the context; every
 * handler behind it reads the tenant from there and nowhere else, so no request can name another
 * tenant. Known keys are remembered for {@link #CACHE_MILLIS} so most requests skip the store: that is
 * the bound on how long a key revoked (or a tenant deleted) through another process keeps working here;
 * through this process it stops at once ({@link #forget}). Unknown keys are never remembered.
 */
final class ApiKeyAuthHandler implements Handler<RoutingContext> {
    static final String TENANT = "lethe.tenant";
    static final long CACHE_MILLIS = 5_000;
    private static final int CACHE_LIMIT = 10_000;
    private static final String BEARER = "Bearer ";

    private final AuthenticateTenantUseCase authenticate;
    private final Blocking blocking;
    private final Consumer<Tenant> onFirstSeen;
    private final ConcurrentHashMap<String, Remembered> known = new ConcurrentHashMap<>();

    ApiKeyAuthHandler(AuthenticateTenantUseCase authenticate, Blocking blocking, Consumer<Tenant> onFirstSeen) {
        this.authenticate = authenticate;
        this.blocking = blocking;
        this.onFirstSeen = onFirstSeen;
    }

    static Tenant tenant(RoutingContext ctx) {
        Tenant tenant = ctx.get(TENANT);
        if (tenant == null) {
            throw new IllegalStateException("route without authentication: " + ctx.request().path());
        }
        return tenant;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String key = bearer(ctx.request().getHeader("Authorization"));
        Remembered remembered = known.get(key);
        long now = System.currentTimeMillis();
        if (remembered != null && now - remembered.at < CACHE_MILLIS) {
            ctx.put(TENANT, remembered.tenant);
            ctx.next();
            return;
        }
        blocking.run(ctx, () -> authenticate.authenticate(key), (c, tenant) -> admit(c, key, tenant, now));
    }

    private void admit(RoutingContext ctx, String key, Optional<Tenant> tenant, long now) {
        if (tenant.isEmpty()) {
            ctx.fail(Problem.unauthorized("unknown_api_key", "the API key is not known"));
            return;
        }
        if (known.size() >= CACHE_LIMIT) {
            known.clear();
        }
        if (known.put(key, new Remembered(tenant.get(), now)) == null) {
            onFirstSeen.accept(tenant.get());
        }
        ctx.put(TENANT, tenant.get());
        ctx.next();
    }

    /** Drops every remembered key of the tenant, so its revoked keys fail on the next request. */
    void forget(TenantId tenantId) {
        known.values().removeIf(remembered -> remembered.tenant.id().equals(tenantId));
    }

    /** Refuses the request with 401 unless it carries the admin key; {@code what} says what needed it. */
    static void requireAdmin(RoutingContext ctx, String adminKey, String what) {
        String given = bearer(ctx.request().getHeader("Authorization"));
        if (!sameKey(given, adminKey)) {
            throw Problem.unauthorized("unknown_admin_key", what + " needs the admin key");
        }
    }

    static String bearer(String header) {
        if (header == null || header.isBlank()) {
            throw Problem.unauthorized("missing_api_key", "send Authorization: Bearer <API key>");
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length()) || header.length() == BEARER.length()) {
            throw Problem.unauthorized("malformed_authorization", "the Authorization header must be Bearer <API key>");
        }
        return header.substring(BEARER.length()).trim();
    }

    /** Constant-time comparison, for the admin key. */
    static boolean sameKey(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private record Remembered(Tenant tenant, long at) {}
}
