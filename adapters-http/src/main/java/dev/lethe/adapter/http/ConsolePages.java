package dev.lethe.adapter.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The browser console ({@code /console/}), the API docs ({@code /docs/}, Swagger UI on {@code /openapi.yaml})
 * and the web libraries both use ({@code /webjars/}), served from the classpath. The pages are static and
 * call only the public API with the key the person signs in with; no route here reads any store. A
 * Content-Security-Policy keeps every request on this server.
 */
final class ConsolePages {
    /** Everything from this origin; styles may be inline because the chart and docs libraries set them. */
    static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; "
            + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    /** Classpath folders, named so that no folder of the working directory (the repository's docs/, say) is served instead. */
    static final String CONSOLE_ROOT = "lethe-web/console";
    static final String DOCS_ROOT = "lethe-web/docs";
    static final String WEBJARS_ROOT = "META-INF/resources/webjars";

    private ConsolePages() {}

    static void mount(Router router) {
        page(router, "/console", "/console/*", StaticHandler.create(CONSOLE_ROOT));
        page(router, "/docs", "/docs/*", StaticHandler.create(DOCS_ROOT));
        // Versioned paths: the files never change, so browsers may keep them for a long time.
        StaticHandler webjars = StaticHandler.create(WEBJARS_ROOT).setMaxAgeSeconds(7 * 86_400L).setDirectoryListing(false);
        for (HttpMethod m : new HttpMethod[] {HttpMethod.GET, HttpMethod.HEAD}) {
            router.route(m, "/webjars/*").handler(RouteMetrics.tag("/webjars/*")).handler(ConsolePages::secured).handler(webjars)
                    .handler(ConsolePages::missing);
        }
    }

    private static void page(Router router, String bare, String tree, StaticHandler files) {
        files.setDirectoryListing(false).setIndexPage("index.html").setMaxAgeSeconds(60);
        for (HttpMethod m : new HttpMethod[] {HttpMethod.GET, HttpMethod.HEAD}) {
            // Vert.x matches "/console" for "/console/" too: only the bare path is redirected.
            router.route(m, bare).handler(RouteMetrics.tag(bare)).handler(ctx -> {
                if (ctx.request().path().equals(bare)) {
                    ctx.redirect(bare + "/");
                } else {
                    ctx.next();
                }
            });
            router.route(m, tree).handler(RouteMetrics.tag(tree)).handler(ConsolePages::secured).handler(files).handler(ConsolePages::missing);
        }
    }

    /** A static handler passes on a file it does not have; without this the router would answer 405 (HEAD and GET share the path). */
    private static void missing(RoutingContext ctx) {
        ctx.fail(Problem.notFound("path", "no such page: " + ctx.request().path()));
    }

    private static void secured(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", POLICY).putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer");
        ctx.next();
    }
}
