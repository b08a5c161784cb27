package dev.lethe.adapter.http;

import dev.lethe.application.port.in.CheckServingUseCase;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Liveness, readiness, Prometheus metrics and the OpenAPI document. */
final class OperationsHandler {
    static final String OPENAPI_RESOURCE = "/openapi.yaml";
    /** Readiness answers within this long, so a probe with a 2 s timeout always hears an answer. */
    static final long READY_DEADLINE_MILLIS = 1_500;
    private final ReadinessCheck database;
    private final CheckServingUseCase serving;
    private final PrometheusMeterRegistry metrics;
    private final Blocking blocking;
    private final Buffer openApi;
    private Future<List<String>> inFlight;

    OperationsHandler(ReadinessCheck database, CheckServingUseCase serving, PrometheusMeterRegistry metrics, Blocking blocking) {
        this.database = database;
        this.serving = serving;
        this.metrics = metrics;
        this.blocking = blocking;
        this.openApi = Buffer.buffer(openApiDocument());
    }

    record Health(String status, List<String> problems) {}

    void live(RoutingContext ctx) {
        Blocking.json(ctx, 200, new Health("UP", List.of()));
    }

    /**
     * Answers within {@link #READY_DEADLINE_MILLIS} whatever the store does: a check that has not finished
     * by then counts as not ready. Probes arriving while a check still runs wait for that one instead of
     * starting another, so a hung database holds at most one worker thread, not one per probe.
     */
    void ready(RoutingContext ctx) {
        Context here = ctx.vertx().getOrCreateContext();
        Future<List<String>> check = currentCheck();
        long timer = ctx.vertx().setTimer(READY_DEADLINE_MILLIS,
                id -> answerReadiness(ctx, List.of("database: no answer within " + READY_DEADLINE_MILLIS + " ms")));
        // A shared check completes on the context of the probe that started it: answer back on this one.
        check.onComplete(result -> here.runOnContext(v -> {
            // The timer fires on this context too: whichever comes first answers.
            if (ctx.vertx().cancelTimer(timer)) {
                answerReadiness(ctx, result.succeeded() ? result.result() : List.of("readiness check failed: " + result.cause().getMessage()));
            }
        }));
    }

    private synchronized Future<List<String>> currentCheck() {
        if (inFlight == null || inFlight.isComplete()) {
            inFlight = blocking.submit(this::problems);
        }
        return inFlight;
    }

    private List<String> problems() {
        List<String> problems = new ArrayList<>();
        try {
            if (!database.ready()) {
                problems.add("database: not reachable");
            }
        } catch (RuntimeException e) {
            problems.add("database: " + e.getMessage());
        }
        if (problems.isEmpty()) {
            problems.addAll(serving.unservable());
        }
        return problems;
    }

    private static void answerReadiness(RoutingContext ctx, List<String> problems) {
        if (problems.isEmpty()) {
            Blocking.json(ctx, 200, new Health("UP", List.of()));
        } else {
            ctx.fail(new Problem(503, "not_ready", Optional.empty(), String.join("; ", problems)));
        }
    }

    void metrics(RoutingContext ctx) {
        // Gauges may read the registry store, so scraping runs on the worker pool too.
        blocking.run(ctx, metrics::scrape, (c, text) -> Blocking.end(c.request(), c.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8"), Buffer.buffer(text)));
    }

    void openApi(RoutingContext ctx) {
        Blocking.end(ctx.request(), ctx.response().putHeader("Content-Type", "application/yaml"), openApi);
    }

    static byte[] openApiDocument() {
        try (InputStream in = OperationsHandler.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
