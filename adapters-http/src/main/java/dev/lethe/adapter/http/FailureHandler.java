package dev.lethe.adapter.http;

import dev.lethe.application.port.in.ManageModelsUseCase.UnservableVersionException;
import dev.lethe.application.port.out.ConstraintViolationException;
import dev.lethe.application.port.out.ModelEnginePort.ModelEngineException;
import dev.lethe.application.port.out.PersistenceException;
import io.vertx.core.Handler;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that answers failures: every 4xx and 5xx, whether raised by a handler, by the body
 * limit or by routing (404, 405), leaves as {@code application/problem+json}. Stack traces are
 * logged for 5xx only and never returned.
 */
final class FailureHandler implements Handler<RoutingContext> {
    static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);
    /** "k must be…", "events[3].timestamp must be…": the leading name of a validation message. */
    private static final Pattern LEADING_FIELD = Pattern.compile("^([A-Za-z][A-Za-z0-9_.\\[\\]]*) (must|is|has|needs)\\b");

    @Override
    public void handle(RoutingContext ctx) {
        answer(ctx, ctx.statusCode());
    }

    /** The router's handler for unrouted failures of {@code status} (404, 405, undecodable URIs…), whose context may not carry it. */
    Handler<RoutingContext> forStatus(int status) {
        return ctx -> answer(ctx, ctx.failure() == null && ctx.statusCode() < 400 ? status : ctx.statusCode());
    }

    /** Answers requests Netty could not decode (header or request line too long, broken framing), before any routing. */
    static void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status = cause instanceof TooLongHttpHeaderException ? 431 : cause instanceof TooLongHttpLineException ? 414 : 400;
        answerAndClose(request, fromStatus(status));
    }

    /**
     * Routes {@code request} unless it is an HTTP/1.x request without a Host header, which HTTP/1.1
     * requires (RFC 9112, section 3.2) and without which Vert.x cannot build the request's URI: that is
     * answered 400 here, before any route could fail on it with a 500.
     */
    static Handler<HttpServerRequest> requiringHost(Handler<HttpServerRequest> router) {
        return request -> {
            if (request.version() != HttpVersion.HTTP_2 && request.headers().get(HttpHeaders.HOST) == null) {
                answerAndClose(request, Problem.badRequest("Host", "missing_host", "an HTTP/1.x request needs a Host header"));
            } else {
                router.handle(request);
            }
        };
    }

    /** Answers a request that was never routed and closes its connection, whose framing cannot be trusted. */
    private static void answerAndClose(HttpServerRequest request, Problem problem) {
        ProblemBody body = new ProblemBody(ProblemBody.TYPE_BASE + problem.code().replace('_', '-'), title(problem.status()), problem.status(),
                problem.getMessage(), problem.code(), problem.field().orElse(null), null);
        request.response().setStatusCode(problem.status()).putHeader("Content-Type", PROBLEM_JSON).putHeader("Connection", "close")
                .end(Json.write(body)).onComplete(done -> request.connection().close());
    }

    private void answer(RoutingContext ctx, int statusCode) {
        if (isClosedByClient(ctx.failure()) || ctx.response().closed()) {
            // The client went away (e.g. mid-body): nobody to answer, and not the server's failure.
            LOG.debug("{} {}: the client closed the connection", ctx.request().method(), ctx.request().path(), ctx.failure());
            return;
        }
        Problem problem = toProblem(ctx.failure(), statusCode);
        if (problem.status() == 500) {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
        } else if (problem.status() > 500) {
            LOG.warn("{} {} answered {}: {}", ctx.request().method(), ctx.request().path(), problem.status(), problem.getMessage());
        }
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            response.reset();
            return;
        }
        if (problem.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"lethe\"");
        }
        ProblemBody body = new ProblemBody(ProblemBody.TYPE_BASE + problem.code().replace('_', '-'), title(problem.status()),
                problem.status(), problem.getMessage(), problem.code(), problem.field().orElse(null), ctx.request().path());
        Blocking.end(ctx.request(), response.setStatusCode(problem.status()).putHeader("Content-Type", PROBLEM_JSON), Json.write(body));
    }

    private static boolean isClosedByClient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpClosedException) {
                return true;
            }
        }
        return false;
    }

    static Problem toProblem(Throwable failure, int statusCode) {
        if (failure instanceof Problem p) {
            return p;
        }
        if (failure instanceof HttpException http) {
            return fromStatus(http.getStatusCode());
        }
        if (failure instanceof IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            Matcher m = LEADING_FIELD.matcher(message);
            return new Problem(400, "invalid_argument", m.find() ? Optional.of(m.group(1)) : Optional.empty(), message);
        }
        if (failure instanceof UnservableVersionException unservable) {
            // The version exists; this server's model engine cannot load it. Activating it elsewhere or retraining helps, retrying here does not.
            return new Problem(409, "version_not_servable", Optional.of("version"), unservable.getMessage());
        }
        if (failure instanceof ConstraintViolationException) {
            // The values are at fault (a duplicate, a value that does not fit): retrying cannot help, so never 503.
            return new Problem(422, "constraint_violation", Optional.empty(),
                    "the data store refused the values (a duplicate or a value that does not fit); change the request");
        }
        if (failure instanceof PersistenceException) {
            return new Problem(503, "store_unavailable", Optional.empty(), "the data store is unavailable; retry later");
        }
        if (failure instanceof ModelEngineException) {
            return new Problem(503, "model_unavailable", Optional.empty(), "the model engine failed; retry later");
        }
        if (failure == null && statusCode >= 400) {
            return fromStatus(statusCode);
        }
        return new Problem(500, "internal_error", Optional.empty(), "an unexpected error occurred; it has been logged");
    }

    private static Problem fromStatus(int status) {
        return switch (status) {
            case 400 -> new Problem(400, "bad_request", Optional.empty(), "the request is malformed (e.g. an undecodable path or query)");
            case 401 -> Problem.unauthorized("unauthorized", "missing or unknown API key");
            case 404 -> new Problem(404, "route_not_found", Optional.empty(), "no such resource");
            case 405 -> new Problem(405, "method_not_allowed", Optional.empty(), "this resource does not support the method");
            case 413 -> new Problem(413, "body_too_large", Optional.of("body"), "the request body exceeds the configured limit");
            case 414 -> new Problem(414, "uri_too_long", Optional.empty(), "the request line is too long");
            case 431 -> new Problem(431, "headers_too_large", Optional.empty(), "the request headers are too large");
            case 415 -> new Problem(415, "unsupported_media_type", Optional.of("Content-Type"), "unsupported content type");
            default -> status >= 400 && status < 600
                    ? new Problem(status, "http_" + status, Optional.empty(), title(status))
                    : new Problem(500, "internal_error", Optional.empty(), "an unexpected error occurred; it has been logged");
        };
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 431 -> "Request Header Fields Too Large";
            case 422 -> "Unprocessable Content";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Client Error";
        };
    }
}
