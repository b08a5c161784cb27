package dev.lethe.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/** Every bad request gets a 4xx problem+json with a stable code and the field at fault; never a 500, never a hang. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputsIT {
    private static final String JSON = "application/json";
    private Path artifacts;
    private TestServer server;
    private ApiClient client;
    private String tenantKey;

    enum Auth { NONE, TENANT, UNKNOWN, ADMIN, BASIC }

    @BeforeAll
    void start(@TempDir Path artifactDirectory) {
        artifacts = artifactDirectory;
        server = TestServer.start(artifacts, Optional.empty());
        client = new ApiClient(server.port);
        tenantKey = client.createTenant("t-bad", "ecommerce");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    static Stream<Arguments> badRequests() {
        String okEvent = "{\"eventId\":\"e1\",\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\",\"timestamp\":\"" + Instant.now() + "\"";
        return Stream.of(
                row("no API key", Auth.NONE, "GET", "/v1/models", null, null, 401, "missing_api_key", "Authorization"),
                row("unknown API key", Auth.UNKNOWN, "GET", "/v1/models", null, null, 401, "unknown_api_key", "Authorization"),
                row("not a bearer", Auth.BASIC, "GET", "/v1/users/u1/recommendations", null, null, 401, "malformed_authorization", "Authorization"),
                row("tenant without admin key", Auth.NONE, "POST", "/v1/tenants", JSON, "{}", 401, "missing_api_key", "Authorization"),
                row("tenant with a tenant key", Auth.TENANT, "POST", "/v1/tenants", JSON, "{}", 401, "unknown_admin_key", "Authorization"),
                row("tenant malformed JSON", Auth.ADMIN, "POST", "/v1/tenants", JSON, "{\"id\":", 400, "malformed_json", "body"),
                row("tenant unknown field", Auth.ADMIN, "POST", "/v1/tenants", JSON,
                        "{\"id\":\"t1\",\"name\":\"n\",\"kind\":\"video\",\"colour\":\"red\"}", 400, "unknown_field", "colour"),
                row("tenant unknown kind", Auth.ADMIN, "POST", "/v1/tenants", JSON, "{\"id\":\"t1\",\"name\":\"n\",\"kind\":\"casino\"}", 400, "invalid_value", "kind"),
                row("tenant bad id", Auth.ADMIN, "POST", "/v1/tenants", JSON, "{\"id\":\"bad id\",\"name\":\"n\",\"kind\":\"video\"}", 400, "invalid_value", "id"),
                row("tenant name of wrong type", Auth.ADMIN, "POST", "/v1/tenants", JSON, "{\"id\":\"t1\",\"name\":5,\"kind\":\"video\"}", 400, "invalid_type", "name"),
                row("tenant missing name", Auth.ADMIN, "POST", "/v1/tenants", JSON, "{\"id\":\"t1\",\"kind\":\"video\"}", 400, "missing_field", "name"),
                row("tenant short explicit key", Auth.ADMIN, "POST", "/v1/tenants", JSON,
                        "{\"id\":\"t1\",\"name\":\"n\",\"kind\":\"video\",\"apiKey\":\"short\"}", 400, "invalid_argument", "apiKey"),
                row("events malformed JSON", Auth.TENANT, "POST", "/v1/events", JSON, "[{\"eventId\":", 400, "malformed_json", "events"),
                row("events no body", Auth.TENANT, "POST", "/v1/events", JSON, null, 400, "missing_body", "events"),
                row("events empty batch", Auth.TENANT, "POST", "/v1/events", JSON, "[]", 400, "empty_batch", "events"),
                row("events scalar body", Auth.TENANT, "POST", "/v1/events", JSON, "42", 400, "invalid_type", "body"),
                row("event unknown field", Auth.TENANT, "POST", "/v1/events", JSON, okEvent + ",\"colour\":1}", 400, "unknown_field", "colour"),
                row("event userId of wrong type", Auth.TENANT, "POST", "/v1/events", JSON,
                        okEvent.replace("\"u1\"", "5") + "}", 400, "invalid_type", "userId"),
                row("event missing eventId", Auth.TENANT, "POST", "/v1/events", JSON,
                        okEvent.replace("\"eventId\":\"e1\",", "") + "}", 400, "missing_field", "eventId"),
                row("event bad timestamp", Auth.TENANT, "POST", "/v1/events", JSON,
                        okEvent.replaceAll("\"timestamp\":\"[^\"]+\"", "\"timestamp\":\"yesterday\"") + "}", 400, "invalid_value", "timestamp"),
                row("event negative dwell", Auth.TENANT, "POST", "/v1/events", JSON, okEvent + ",\"dwellMs\":-1}", 400, "invalid_value", "dwellMs"),
                row("event value of wrong type", Auth.TENANT, "POST", "/v1/events", JSON, okEvent + ",\"value\":\"high\"}", 400, "invalid_type", "value"),
                row("single event in the future", Auth.TENANT, "POST", "/v1/events", JSON,
                        okEvent.replaceAll("\"timestamp\":\"[^\"]+\"", "\"timestamp\":\"" + Instant.now().plusSeconds(3 * 86_400) + "\"") + "}",
                        422, "timestamp_in_future", "timestamp"),
                row("events with a content type of only separators", Auth.TENANT, "POST", "/v1/events", ";;;", okEvent + "}",
                        415, "unsupported_media_type", "Content-Type"),
                row("a form to a GET resource", Auth.TENANT, "GET", "/v1/models", "multipart/form-data; boundary=x", "",
                        415, "unsupported_media_type", "Content-Type"),
                row("a form where JSON is expected", Auth.TENANT, "POST", "/v1/training-jobs", "application/x-www-form-urlencoded",
                        "family=" + "x".repeat(3000), 415, "unsupported_media_type", "Content-Type"),
                row("events as text", Auth.TENANT, "POST", "/v1/events", "text/plain", okEvent + "}", 415, "unsupported_media_type", "Content-Type"),
                row("item unknown field", Auth.TENANT, "PUT", "/v1/items/i1", JSON, "{\"price\":3}", 400, "unknown_field", "price"),
                row("item categories not a list", Auth.TENANT, "PUT", "/v1/items/i1", JSON, "{\"categories\":\"shoes\"}", 400, "invalid_type", "categories"),
                row("item attribute not a string", Auth.TENANT, "PUT", "/v1/items/i1", JSON, "{\"attributes\":{\"size\":42}}", 400, "invalid_type", "attributes.size"),
                row("item bad id", Auth.TENANT, "PUT", "/v1/items/bad%20id", JSON, "{}", 400, "invalid_id", "itemId"),
                row("item createdAt not a time", Auth.TENANT, "PUT", "/v1/items/i1", JSON, "{\"createdAt\":\"yesterday\"}", 400, "invalid_value", "createdAt"),
                row("item createdAt not a string", Auth.TENANT, "PUT", "/v1/items/i1", JSON, "{\"createdAt\":1714564800}", 400, "invalid_type", "createdAt"),
                row("item createdAt in the future", Auth.TENANT, "PUT", "/v1/items/i1", JSON, "{\"createdAt\":\"2999-01-01T00:00:00Z\"}", 400, "invalid_argument", "createdAt"),
                row("item categories that differ by a trailing space", Auth.TENANT, "PUT", "/v1/items/i1", JSON,
                        "{\"categories\":[\"pad\",\"pad \"]}", 400, "invalid_value", "categories[1]"),
                row("item attribute name with a trailing space", Auth.TENANT, "PUT", "/v1/items/i1", JSON,
                        "{\"attributes\":{\"pad\":\"a\",\"pad \":\"b\"}}", 400, "invalid_value", "attributes"),
                row("item category of 101 characters", Auth.TENANT, "PUT", "/v1/items/i1", JSON,
                        "{\"categories\":[\"" + "\uD83D\uDE80".repeat(101) + "\"]}", 400, "invalid_value", "categories[0]"),
                row("item attribute value with a lone surrogate", Auth.TENANT, "PUT", "/v1/items/i1", JSON,
                        "{\"attributes\":{\"title\":\"a\\ud800b\"}}", 400, "invalid_unicode", "attributes.title"),
                row("item category with a lone surrogate", Auth.TENANT, "PUT", "/v1/items/i1", JSON,
                        "{\"categories\":[\"ok\",\"\\udc00\"]}", 400, "invalid_unicode", "categories[1]"),
                row("tenant name with a lone surrogate", Auth.ADMIN, "POST", "/v1/tenants", JSON,
                        "{\"id\":\"t1\",\"name\":\"\\ud83d\",\"kind\":\"video\"}", 400, "invalid_unicode", "name"),
                row("item body not an object", Auth.TENANT, "PUT", "/v1/items/i1", JSON, "[1]", 400, "invalid_type", "body"),
                row("k not a number", Auth.TENANT, "GET", "/v1/users/u1/recommendations?k=ten", null, null, 400, "invalid_type", "k"),
                row("k zero", Auth.TENANT, "GET", "/v1/users/u1/recommendations?k=0", null, null, 400, "out_of_range", "k"),
                row("k too large", Auth.TENANT, "GET", "/v1/users/u1/recommendations?k=1001", null, null, 400, "out_of_range", "k"),
                row("k repeated", Auth.TENANT, "GET", "/v1/users/u1/recommendations?k=1&k=2", null, null, 400, "repeated_parameter", "k"),
                row("explain not boolean", Auth.TENANT, "GET", "/v1/users/u1/recommendations?explain=maybe", null, null, 400, "invalid_type", "explain"),
                row("diversity not a number", Auth.TENANT, "GET", "/v1/users/u1/recommendations?diversity=lots", null, null, 400, "invalid_type", "diversity"),
                row("diversity NaN", Auth.TENANT, "GET", "/v1/users/u1/recommendations?diversity=NaN", null, null, 400, "invalid_type", "diversity"),
                row("diversity above one", Auth.TENANT, "GET", "/v1/users/u1/recommendations?diversity=1.5", null, null, 400, "out_of_range", "diversity"),
                row("diversity negative", Auth.TENANT, "GET", "/v1/users/u1/recommendations?diversity=-0.1", null, null, 400, "out_of_range", "diversity"),
                row("diversity repeated", Auth.TENANT, "GET", "/v1/users/u1/recommendations?diversity=0&diversity=1", null, null, 400, "repeated_parameter", "diversity"),
                row("exclude with an empty id", Auth.TENANT, "GET", "/v1/users/u1/recommendations?exclude=a,,b", null, null, 400, "invalid_id", "exclude"),
                row("bad user id", Auth.TENANT, "GET", "/v1/users/-x/recommendations", null, null, 400, "invalid_id", "userId"),
                row("bad user id on erase", Auth.TENANT, "DELETE", "/v1/users/%24%24", null, null, 400, "invalid_id", "userId"),
                row("training family missing", Auth.TENANT, "POST", "/v1/training-jobs", JSON, "{}", 400, "missing_field", "family"),
                row("training family unknown", Auth.TENANT, "POST", "/v1/training-jobs", JSON, "{\"family\":\"oracle\"}", 400, "invalid_argument", "family"),
                row("training activation unknown", Auth.TENANT, "POST", "/v1/training-jobs", JSON,
                        "{\"family\":\"decayed-pop\",\"activation\":\"sometimes\"}", 400, "invalid_value", "activation"),
                row("training family of wrong type", Auth.TENANT, "POST", "/v1/training-jobs", JSON, "{\"family\":[]}", 400, "invalid_type", "family"),
                row("tune not an object", Auth.TENANT, "POST", "/v1/training-jobs", JSON, "{\"family\":\"profile\",\"tune\":60}",
                        400, "invalid_type", "tune"),
                row("tune without a budget", Auth.TENANT, "POST", "/v1/training-jobs", JSON, "{\"family\":\"profile\",\"tune\":{\"seed\":1}}",
                        400, "missing_field", "tune.budgetSeconds"),
                row("tune budget zero", Auth.TENANT, "POST", "/v1/training-jobs", JSON,
                        "{\"family\":\"profile\",\"tune\":{\"budgetSeconds\":0}}", 400, "invalid_value", "tune.budgetSeconds"),
                row("tune budget beyond an hour", Auth.TENANT, "POST", "/v1/training-jobs", JSON,
                        "{\"family\":\"profile\",\"tune\":{\"budgetSeconds\":99999999999}}", 400, "invalid_value", "tune.budgetSeconds"),
                row("tune budget not an integer", Auth.TENANT, "POST", "/v1/training-jobs", JSON,
                        "{\"family\":\"profile\",\"tune\":{\"budgetSeconds\":1.5}}", 400, "invalid_type", "tune.budgetSeconds"),
                row("tune seed not an integer", Auth.TENANT, "POST", "/v1/training-jobs", JSON,
                        "{\"family\":\"profile\",\"tune\":{\"budgetSeconds\":5,\"seed\":\"x\"}}", 400, "invalid_type", "tune.seed"),
                row("tune trials zero", Auth.TENANT, "POST", "/v1/training-jobs", JSON,
                        "{\"family\":\"profile\",\"tune\":{\"budgetSeconds\":5,\"maxTrials\":0}}", 400, "invalid_value", "tune.maxTrials"),
                row("tune unknown field", Auth.TENANT, "POST", "/v1/training-jobs", JSON,
                        "{\"family\":\"profile\",\"tune\":{\"budgetSeconds\":5,\"rounds\":3}}", 400, "unknown_field", "tune.rounds"),
                row("tune on a family without settings", Auth.TENANT, "POST", "/v1/training-jobs", JSON,
                        "{\"family\":\"pop\",\"tune\":{\"budgetSeconds\":5}}", 400, "invalid_argument", "tune"),
                row("activate version not a number", Auth.TENANT, "POST", "/v1/models/latest/activate", null, null, 400, "invalid_type", "version"),
                row("activate version zero", Auth.TENANT, "POST", "/v1/models/0/activate", null, null, 400, "out_of_range", "version"),
                row("activate unknown version", Auth.TENANT, "POST", "/v1/models/99/activate", null, null, 404, "not_found", "version"),
                row("unknown training job", Auth.TENANT, "GET", "/v1/training-jobs/nope", null, null, 404, "not_found", "jobId"),
                row("unknown route", Auth.TENANT, "GET", "/v1/nothing-here", null, null, 404, "route_not_found", null),
                row("unknown route without key", Auth.NONE, "GET", "/nothing", null, null, 404, "route_not_found", null),
                row("wrong method on models", Auth.TENANT, "PATCH", "/v1/models", JSON, "{}", 405, "method_not_allowed", null),
                row("wrong method on events", Auth.TENANT, "DELETE", "/v1/events", null, null, 405, "method_not_allowed", null));
    }

    private static Arguments row(String name, Auth auth, String method, String path, String contentType, String body,
                                 int status, String code, String field) {
        return Arguments.of(name, auth, method, path, contentType, body, status, code, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void isRefusedAsProblemJson(String name, Auth auth, String method, String path, String contentType, String body,
                                int status, String code, String field) {
        Optional<String> key = switch (auth) {
            case NONE, BASIC -> Optional.empty();
            case TENANT -> Optional.of(tenantKey);
            case UNKNOWN -> Optional.of("unknown-key-000000000000000000000");
            case ADMIN -> Optional.of(TestServer.ADMIN_KEY);
        };
        ApiClient.Reply reply = auth == Auth.BASIC
                ? client.send(method, path, Optional.empty(), Optional.empty(), Optional.empty(), "Basic dXNlcjpwYXNz")
                : client.send(method, path, key, Optional.ofNullable(contentType), Optional.ofNullable(body));
        assertProblem(reply, status, code, field);
    }

    static Stream<Arguments> malformedRequests() {
        return Stream.of(
                Arguments.of("undecodable path", "/v1/users/%zz/recommendations", "", 400, "bad_request"),
                Arguments.of("undecodable query", "/v1/users/u1/recommendations?k=%zz", "", 400, "bad_request"),
                Arguments.of("header too large", "/v1/models", "X-Big: " + "a".repeat(20_000) + "\r\n", 431, "headers_too_large"));
    }

    /** Requests no well-behaved client library would send, written to the socket as they are. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void malformedRequestsAreRefusedAsProblemJson(String name, String target, String extraHeaders, int status, String code) {
        ApiClient.Reply reply = client.raw("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + tenantKey
                + "\r\n" + extraHeaders + "Connection: close\r\n\r\n");
        assertProblem(reply, status, code, null);
    }

    static Stream<Arguments> everyRoute() {
        return Stream.of(
                Arguments.of("GET", "/health/live"), Arguments.of("GET", "/health/ready"), Arguments.of("GET", "/metrics"),
                Arguments.of("GET", "/openapi.yaml"), Arguments.of("POST", "/v1/tenants"), Arguments.of("POST", "/v1/events"),
                Arguments.of("PUT", "/v1/items/i1"), Arguments.of("GET", "/v1/users/u1/recommendations"),
                Arguments.of("GET", "/v1/users/u1/interests"), Arguments.of("DELETE", "/v1/users/u1"),
                Arguments.of("POST", "/v1/training-jobs"), Arguments.of("GET", "/v1/training-jobs"),
                Arguments.of("GET", "/v1/training-jobs/j1"), Arguments.of("GET", "/v1/models"),
                Arguments.of("POST", "/v1/models/1/activate"), Arguments.of("GET", "/v1/forgetting-curve"),
                Arguments.of("GET", "/no-such-route"));
    }

    /** HTTP/1.1 requires Host (RFC 9112 section 3.2); its absence is the client's error on every route. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyRoute")
    void aRequestWithoutAHostHeaderIsABadRequest(String method, String path) {
        ApiClient.Reply reply = client.raw(method + " " + path + " HTTP/1.1\r\nAuthorization: Bearer " + tenantKey
                + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        assertProblem(reply, 400, "missing_host", "Host");
    }

    @Test
    void aClientThatClosesMidBodyIsNoErrorOfTheServer() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        root.addAppender(logged);
        try {
            try (Socket socket = new Socket("127.0.0.1", server.port)) {
                socket.getOutputStream().write(("POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + tenantKey
                        + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n[{\"eventId\":").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                Thread.sleep(200);
            }
            Thread.sleep(500);
            // The server is still well.
            assertThat(client.get("/v1/models", tenantKey).status()).isEqualTo(200);
        } finally {
            root.detachAppender(logged);
        }

        assertThat(logged.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }

    @Test
    void aCategoryOfOneHundredEmojiFitsBecauseLengthsCountCodePoints() {
        String category = "\uD83D\uDE80".repeat(100);
        ApiClient.Reply reply = client.put("/v1/items/i-emoji", tenantKey, "{\"categories\":[\"" + category + "\"]}");

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json().get("categories").get(0).asText()).isEqualTo(category);
    }

    @Test
    void aBatchOfMoreThanTenThousandEventsIsTooLarge() {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i <= 10_000; i++) {
            body.append(i == 0 ? "" : ",").append("{\"eventId\":\"e").append(i).append("\"}");
        }
        ApiClient.Reply reply = client.post("/v1/events", tenantKey, body.append(']').toString());
        assertProblem(reply, 413, "batch_too_large", "events");
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeParsing() {
        ApiClient.Reply reply = client.post("/v1/events", tenantKey, "[" + " ".repeat(2 * 1024 * 1024) + "]");
        assertProblem(reply, 413, "body_too_large", "body");
    }

    private static void assertProblem(ApiClient.Reply reply, int status, String code, String field) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("type").asText()).startsWith("https://");
        if (field == null) {
            assertThat(problem.has("field")).as("field of %s", problem).isFalse();
        } else {
            assertThat(problem.path("field").asText()).isEqualTo(field);
        }
    }
}
