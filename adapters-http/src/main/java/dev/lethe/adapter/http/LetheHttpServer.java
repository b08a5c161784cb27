package dev.lethe.adapter.http;

import dev.lethe.domain.tenant.Tenant;
import dev.lethe.domain.tenant.TenantId;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.BindException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lethe's HTTP API: builds the router on {@link #start()}, listens, and releases the event loops and
 * the {@code lethe-worker} pool on {@link #close()}. Obtained from {@link HttpModule}; constructing it
 * has no side effects.
 */
public final class LetheHttpServer implements AutoCloseable {
    /** Name of the worker pool every use case runs on. */
    public static final String WORKER_POOL = "lethe-worker";
    private static final Logger LOG = LoggerFactory.getLogger(LetheHttpServer.class);
    private static final long START_TIMEOUT_SECONDS = 30;

    private final HttpServerConfig config;
    private final LetheApi api;
    private final ReadinessCheck readiness;
    private final PrometheusMeterRegistry metrics;
    private final Set<TenantId> gauged = ConcurrentHashMap.newKeySet();
    private Vertx vertx;
    private WorkerExecutor worker;
    private HttpServer server;

    LetheHttpServer(HttpServerConfig config, LetheApi api, ReadinessCheck readiness, PrometheusMeterRegistry metrics) {
        this.config = config;
        this.api = api;
        this.readiness = readiness;
        this.metrics = metrics;
    }

    /** Starts listening; returns the bound port (useful when the configured port is 0). Blocks until bound. */
    public synchronized int start() {
        if (server != null) {
            return server.actualPort();
        }
        vertx = Vertx.vertx();
        worker = vertx.createSharedWorkerExecutor(WORKER_POOL, config.workerPoolSize());
        try {
            server = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()).setIdleTimeout(120))
                    .requestHandler(FailureHandler.requiringHost(router(new Blocking(worker))))
                    .invalidRequestHandler(FailureHandler::invalidRequest)
                    .listen()
                    .toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            String where = "cannot listen on " + config.host() + ":" + config.port();
            Optional<BindException> bind = cause(e, BindException.class);
            if (bind.isPresent() && String.valueOf(bind.get().getMessage()).toLowerCase(Locale.ROOT).contains("in use")) {
                throw new IllegalStateException(where + ": the address is already in use (another process listens on that port)", e);
            }
            throw new IllegalStateException(where + ": " + bind.map(Throwable::getMessage).orElse(String.valueOf(e.getMessage())), e);
        }
        LOG.info("Lethe HTTP API listening on {}:{}", config.host(), server.actualPort());
        return server.actualPort();
    }

    private static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    /** The bound port; throws when not started. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the server is not started");
        }
        return server.actualPort();
    }

    /** Stops listening and releases threads; waits for in-flight close steps, at most a few seconds. */
    @Override
    public synchronized void close() {
        if (vertx == null) {
            return;
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Vert.x did not close cleanly", e);
        } finally {
            vertx = null;
            worker = null;
            server = null;
        }
    }

    private Router router(Blocking blocking) {
        Router router = Router.router(vertx);
        FailureHandler failure = new FailureHandler();
        ApiKeyAuthHandler auth = new ApiKeyAuthHandler(api.authenticate(), blocking, this::gaugeActiveVersion);
        TenantsHandler tenants = new TenantsHandler(api.createTenant(), api.deleteTenant(), api.listTenants(), blocking, config.adminKey(),
                this::gaugeActiveVersion, auth::forget);
        ApiKeysHandler keys = new ApiKeysHandler(api.apiKeys(), blocking, config.adminKey(), auth::forget);
        EventsHandler events = new EventsHandler(api.ingest(), blocking, metrics);
        ItemsHandler items = new ItemsHandler(api.upsertItem(), blocking);
        UsersHandler users = new UsersHandler(api.recommend(), api.interests(), api.eraseUser(), api.browseUsers(), blocking);
        OverviewHandler overview = new OverviewHandler(api.overview(), metrics, blocking, Instant.now());
        TrainingJobsHandler jobs = new TrainingJobsHandler(api.train(), blocking);
        ModelsHandler models = new ModelsHandler(api.models(), api.curves(), blocking);
        OperationsHandler operations = new OperationsHandler(readiness, api.serving(), metrics, blocking);

        router.route().handler(new RouteMetrics(metrics));
        // No operation takes a form, and Vert.x's BodyHandler fails (500) decoding one on a GET or with a long field.
        router.route().handler(LetheHttpServer::refuseForms);
        router.route().handler(BodyHandler.create(false).setBodyLimit(config.bodyLimitBytes()));

        open(router, HttpMethod.GET, "/health/live", operations::live);
        open(router, HttpMethod.GET, "/health/ready", operations::ready);
        open(router, HttpMethod.GET, "/metrics", operations::metrics);
        open(router, HttpMethod.GET, "/openapi.yaml", operations::openApi);
        ConsolePages.mount(router);
        open(router, HttpMethod.GET, "/v1/tenants", tenants::list);
        open(router, HttpMethod.POST, "/v1/tenants", tenants::create);
        open(router, HttpMethod.DELETE, "/v1/tenants/:tenantId", tenants::delete);
        open(router, HttpMethod.POST, "/v1/tenants/:tenantId/keys", keys::issueForTenant);
        open(router, HttpMethod.GET, "/v1/tenants/:tenantId/keys", keys::listForTenant);
        open(router, HttpMethod.DELETE, "/v1/tenants/:tenantId/keys/:keyId", keys::revokeForTenant);
        authenticated(router, auth, HttpMethod.POST, "/v1/keys", keys::issueOwn);
        authenticated(router, auth, HttpMethod.GET, "/v1/keys", keys::listOwn);
        authenticated(router, auth, HttpMethod.DELETE, "/v1/keys/:keyId", keys::revokeOwn);

        authenticated(router, auth, HttpMethod.POST, "/v1/events", events::ingest);
        authenticated(router, auth, HttpMethod.PUT, "/v1/items/:itemId", items::put);
        authenticated(router, auth, HttpMethod.GET, "/v1/overview", overview::overview);
        authenticated(router, auth, HttpMethod.GET, "/v1/users", users::find);
        authenticated(router, auth, HttpMethod.GET, "/v1/users/:userId/timeline", users::timeline);
        authenticated(router, auth, HttpMethod.GET, "/v1/users/:userId/recommendations", users::recommendations);
        authenticated(router, auth, HttpMethod.GET, "/v1/users/:userId/interests", users::interests);
        authenticated(router, auth, HttpMethod.DELETE, "/v1/users/:userId", users::erase);
        authenticated(router, auth, HttpMethod.POST, "/v1/training-jobs", jobs::start);
        authenticated(router, auth, HttpMethod.GET, "/v1/training-jobs", jobs::list);
        authenticated(router, auth, HttpMethod.GET, "/v1/training-jobs/:jobId", jobs::get);
        authenticated(router, auth, HttpMethod.GET, "/v1/models", models::list);
        authenticated(router, auth, HttpMethod.POST, "/v1/models/:version/activate", models::activate);
        authenticated(router, auth, HttpMethod.GET, "/v1/forgetting-curve", models::forgettingCurve);
        authenticated(router, auth, HttpMethod.GET, "/v1/users/:userId/forgetting-curve", models::userForgettingCurve);

        router.route().failureHandler(failure);
        for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
            router.errorHandler(status, failure.forStatus(status));
        }
        return router;
    }

    private static void open(Router router, HttpMethod method, String path, Handler<RoutingContext> handler) {
        for (HttpMethod m : withHead(method)) {
            router.route(m, path).handler(RouteMetrics.tag(path)).handler(handler);
        }
    }

    private static void authenticated(Router router, ApiKeyAuthHandler auth, HttpMethod method, String path, Handler<RoutingContext> handler) {
        for (HttpMethod m : withHead(method)) {
            router.route(m, path).handler(RouteMetrics.tag(path)).handler(auth).handler(handler);
        }
    }

    /** HEAD is GET without the body (RFC 9110, section 9.3.2): every readable resource answers both; Vert.x drops the body. */
    private static List<HttpMethod> withHead(HttpMethod method) {
        return method.equals(HttpMethod.GET) ? List.of(HttpMethod.GET, HttpMethod.HEAD) : List.of(method);
    }

    private static void refuseForms(RoutingContext ctx) {
        String type = String.valueOf(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE)).toLowerCase(Locale.ROOT);
        if (type.contains("multipart/") || type.contains("application/x-www-form-urlencoded")) {
            ctx.fail(new Problem(415, "unsupported_media_type", Optional.of("Content-Type"), "forms are not accepted; send application/json"));
        } else {
            ctx.next();
        }
    }

    /** One gauge per tenant seen, reading the registry when Prometheus scrapes (on the worker pool). */
    private void gaugeActiveVersion(Tenant tenant) {
        if (gauged.add(tenant.id())) {
            Gauge.builder("lethe.model.active.version", api.models(),
                            models -> models.active(tenant.id()).map(v -> (double) v.version()).orElse(0.0))
                    .description("active model version of the tenant (0 = none, decayed popularity serves)")
                    .tag("tenant", tenant.id().value())
                    .strongReference(true)
                    .register(metrics);
        }
    }
}
