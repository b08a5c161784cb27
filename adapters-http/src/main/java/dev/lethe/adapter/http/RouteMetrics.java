package dev.lethe.adapter.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Times every exchange into a latency histogram per route template, method and status. */
final class RouteMetrics implements Handler<RoutingContext> {
    static final String ROUTE = "lethe.route";
    static final String UNMATCHED = "unmatched";
    private final MeterRegistry registry;

    RouteMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(ended -> Timer.builder("lethe.http.requests")
                .description("HTTP exchanges by route template")
                .tag("method", ctx.request().method().name())
                .tag("route", ctx.<String>get(ROUTE, UNMATCHED))
                .tag("status", Integer.toString(ctx.response().getStatusCode()))
                .publishPercentileHistogram()
                .register(registry)
                .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS));
        ctx.next();
    }

    /** The first handler of every route: names the route for the timer. */
    static Handler<RoutingContext> tag(String template) {
        return ctx -> {
            ctx.put(ROUTE, template);
            ctx.next();
        };
    }
}
