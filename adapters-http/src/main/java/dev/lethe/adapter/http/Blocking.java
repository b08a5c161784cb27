package dev.lethe.adapter.http;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Runs use cases (which block on JDBC and model engines) on the named worker pool, unordered so
 * requests do not queue behind each other, and answers back on the event loop; any failure goes to
 * the failure handler through {@code ctx.fail}.
 */
final class Blocking {
    private final WorkerExecutor worker;

    Blocking(WorkerExecutor worker) {
        this.worker = worker;
    }

    /** Starts {@code work} on the worker pool; the future completes on the caller's context. */
    <T> Future<T> submit(Callable<T> work) {
        return worker.executeBlocking(work, false);
    }

    <T> void run(RoutingContext ctx, Callable<T> work, BiConsumer<RoutingContext, T> answer) {
        worker.executeBlocking(work, false).onComplete(result -> {
            if (result.failed()) {
                ctx.fail(result.cause());
                return;
            }
            try {
                answer.accept(ctx, result.result());
            } catch (RuntimeException e) {
                ctx.fail(e);
            }
        });
    }

    /** Answers 200 with the found value's JSON, or fails with {@code missing}. */
    static <T> void jsonOrMissing(RoutingContext ctx, Optional<T> found, Function<T, Object> body, Problem missing) {
        if (found.isEmpty()) {
            ctx.fail(missing);
        } else {
            json(ctx, 200, body.apply(found.get()));
        }
    }

    /** Ends the exchange with a JSON body. */
    static void json(RoutingContext ctx, int status, Object body) {
        Buffer buffer = Json.write(body);
        end(ctx.request(), ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json"), buffer);
    }

    /**
     * Ends the exchange with {@code body}, or for a HEAD request with only the headers GET would send
     * (RFC 9110, section 9.3.2): the length of the body it would have, and no body.
     */
    static Future<Void> end(HttpServerRequest request, HttpServerResponse response, Buffer body) {
        if (request.method().equals(HttpMethod.HEAD)) {
            return response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length())).end();
        }
        return response.end(body);
    }
}
