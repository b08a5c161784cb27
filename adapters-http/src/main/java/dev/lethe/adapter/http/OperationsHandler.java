package dev.lethe.adapter.http;

import dev.lethe.application.port.in.CheckServingUseCase;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
    private final ReadinessCheck database;
    private final CheckServingUseCase serving;
    private final PrometheusMeterRegistry metrics;
    private final Blocking blocking;
    private final Buffer openApi;

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

    void ready(RoutingContext ctx) {
        blocking.run(ctx, () -> {
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
        }, (c, problems) -> {
            if (problems.isEmpty()) {
                Blocking.json(c, 200, new Health("UP", List.of()));
            } else {
                c.fail(new Problem(503, "not_ready", Optional.empty(), String.join("; ", problems)));
            }
        });
    }

    void metrics(RoutingContext ctx) {
        // Gauges may read the registry store, so scraping runs on the worker pool too.
        blocking.run(ctx, metrics::scrape, (c, text) -> c.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(text));
    }

    void openApi(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/yaml").end(openApi);
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
