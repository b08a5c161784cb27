package dev.lethe.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the browser console reads, over the real server: the tenant overview, user search, a user's
 * timeline, recommendations as of a past moment, the operator's tenant list, and the static pages with
 * the libraries they reference.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleApiIT {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private TestServer server;
    private ApiClient client;
    private String key;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(@TempDir Path artifacts) {
        server = TestServer.start(artifacts, Optional.empty());
        client = new ApiClient(server.port);
        key = client.createTenant("console-shop", "ecommerce");
        assertThat(client.put("/v1/items/i-shoe-1", key, "{\"categories\":[\"shoes\"]}").status()).isEqualTo(200);
        assertThat(client.put("/v1/items/i-shoe-2", key, "{\"categories\":[\"shoes\"]}").status()).isEqualTo(200);
        assertThat(client.put("/v1/items/i-book-1", key, "{\"categories\":[\"books\"]}").status()).isEqualTo(200);
        List<String> events = new ArrayList<>();
        events.add(ApiClient.event("e1", "u1", "i-shoe-1", "purchase", NOW.minus(Duration.ofDays(20))));
        events.add(ApiClient.event("e2", "u1", "i-shoe-2", "view", NOW.minus(Duration.ofDays(10))));
        events.add(ApiClient.event("e3", "u1", "i-book-1", "view", NOW.minus(Duration.ofDays(1))));
        events.add(ApiClient.event("e4", "u12", "i-book-1", "view", NOW.minus(Duration.ofDays(1))));
        events.add(ApiClient.event("e5", "v1", "i-shoe-1", "view", NOW.minus(Duration.ofDays(2))));
        events.add("{\"eventId\":\"bad-1\",\"userId\":\"u1\",\"itemId\":\"i-shoe-1\",\"type\":\"teleport\",\"timestamp\":\"" + NOW + "\"}");
        events.add("{\"eventId\":\"bad-2\",\"userId\":\"u1\",\"itemId\":\"i-shoe-1\",\"type\":\"view\"}");
        JsonNode answer = client.post("/v1/events", key, "[" + String.join(",", events) + "]").json();
        assertThat(answer.get("accepted").asInt()).isEqualTo(5);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void overviewCountsTheLogPerDayAndTheRejectsByReason() {
        JsonNode overview = client.get("/v1/overview?days=30", key).json();

        assertThat(overview.get("behaviours").asLong()).isEqualTo(5);
        assertThat(overview.get("users").asLong()).isEqualTo(3);
        assertThat(overview.get("items").asLong()).isEqualTo(3);
        assertThat(overview.get("perType").get("view").asLong()).isEqualTo(4);
        assertThat(overview.get("perType").get("purchase").asLong()).isEqualTo(1);
        JsonNode days = overview.get("perDay");
        assertThat(days).hasSize(30);
        assertThat(days.get(29).get("day").asText()).isEqualTo(LocalDate.ofInstant(NOW, ZoneOffset.UTC).toString());
        long sum = 0;
        for (JsonNode day : days) {
            sum += day.get("behaviours").asLong();
        }
        assertThat(sum).isEqualTo(5);
        JsonNode rejects = overview.get("rejects");
        assertThat(rejects.get("total").asLong()).isEqualTo(2);
        assertThat(rejects.get("byReason").size()).isEqualTo(2);
    }

    @Test
    void overviewRefusesADayCountOutOfRange() {
        ApiClient.Reply reply = client.get("/v1/overview?days=0", key);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("field").asText()).isEqualTo("days");
    }

    @Test
    void usersAreFoundByPrefixInIdOrder() {
        JsonNode found = client.get("/v1/users?prefix=u&limit=10", key).json();

        assertThat(found.get("users")).extracting(JsonNode::asText).containsExactly("u1", "u12");
        assertThat(client.get("/v1/users?limit=0", key).status()).isEqualTo(400);
    }

    @Test
    void timelineListsTheBehavioursAndTracesEachInterestRisingAtABehaviourAndDecayingAfter() {
        JsonNode timeline = client.get("/v1/users/u1/timeline", key).json();

        assertThat(timeline.get("behaviours")).extracting(b -> b.get("eventId").asText()).containsExactly("e1", "e2", "e3");
        assertThat(timeline.get("behaviours").get(0).get("categories").get(0).asText()).isEqualTo("shoes");
        List<Instant> moments = new ArrayList<>();
        timeline.get("moments").forEach(m -> moments.add(Instant.parse(m.asText())));
        JsonNode shoes = null;
        for (JsonNode trace : timeline.get("interests")) {
            assertThat(trace.get("strengths")).hasSize(moments.size());
            if (trace.get("category").asText().equals("shoes")) {
                shoes = trace.get("strengths");
            }
        }
        assertThat(shoes).isNotNull();
        Instant second = NOW.minus(Duration.ofDays(10));
        int at = moments.indexOf(second);
        assertThat(at).isPositive();
        double before = shoes.get(at - 1).asDouble();
        double rose = shoes.get(at).asDouble();
        double last = shoes.get(moments.size() - 1).asDouble();
        assertThat(rose).isGreaterThan(before);
        assertThat(last).isLessThan(rose).isPositive();
    }

    @Test
    void timelineAsOfAPastMomentLeavesOutWhatCameAfter() {
        Instant asOf = NOW.minus(Duration.ofDays(5));
        JsonNode timeline = client.get("/v1/users/u1/timeline?asOf=" + asOf, key).json();

        assertThat(timeline.get("asOf").asText()).isEqualTo(asOf.toString());
        assertThat(timeline.get("behaviours")).extracting(b -> b.get("eventId").asText()).containsExactly("e1", "e2");
    }

    @Test
    void recommendationsAsOfAPastMomentAnswerForThatMoment() {
        Instant asOf = NOW.minus(Duration.ofDays(5));
        JsonNode answer = client.get("/v1/users/u1/recommendations?k=3&explain=true&asOf=" + asOf, key).json();

        assertThat(Instant.parse(answer.get("asOf").asText())).isEqualTo(asOf);
    }

    @Test
    void recommendationsRefuseAnAsOfThatIsNoInstantOrInTheFuture() {
        ApiClient.Reply malformed = client.get("/v1/users/u1/recommendations?asOf=yesterday", key);
        ApiClient.Reply future = client.get("/v1/users/u1/recommendations?asOf=" + NOW.plus(Duration.ofDays(1)), key);

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("field").asText()).isEqualTo("asOf");
        assertThat(malformed.json().get("code").asText()).isEqualTo("invalid_type");
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.json().get("field").asText()).isEqualTo("asOf");
    }

    @Test
    void theOperatorListsTenantsWithTheAdminKeyOnly() {
        JsonNode tenants = client.get("/v1/tenants", TestServer.ADMIN_KEY).json().get("tenants");

        assertThat(tenants).extracting(t -> t.get("id").asText()).contains("console-shop");
        assertThat(tenants.get(0).has("apiKey")).isFalse();
        assertThat(client.get("/v1/tenants", key).status()).isEqualTo(401);
    }

    private HttpResponse<String> fetch(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theConsoleAndDocsAreServedWithAPolicyKeepingEveryRequestOnThisServer() throws Exception {
        for (String page : List.of("/console/", "/docs/")) {
            HttpResponse<String> response = fetch(page);
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(response.headers().firstValue("Content-Security-Policy").orElse("")).startsWith("default-src 'self'");
            assertThat(response.body()).doesNotContain("http://", "https://");
        }
        assertThat(fetch("/console").statusCode()).isEqualTo(302);
    }

    @Test
    void everyLibraryThePagesReferenceIsServed() throws Exception {
        Pattern reference = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"");
        int checked = 0;
        for (String page : List.of("/console/", "/docs/")) {
            Matcher m = reference.matcher(fetch(page).body());
            while (m.find()) {
                HttpResponse<String> response = fetch(m.group(1));
                assertThat(response.statusCode()).as(m.group(1)).isEqualTo(200);
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(6);
    }

    @Test
    void aMissingPageIsAProblemNotAFile() throws Exception {
        HttpResponse<String> response = fetch("/console/no-such-page.js");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).isEqualTo(FailureHandler.PROBLEM_JSON);
    }

    @Test
    void theConsoleScriptCallsOnlyThePublicApi() throws IOException {
        String script;
        try (InputStream in = ConsolePages.class.getResourceAsStream("/" + ConsolePages.CONSOLE_ROOT + "/console.js")) {
            assertThat(in).isNotNull();
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = Pattern.compile("api\\(['`\"](/[^'`\"?$]*)").matcher(script);
        List<String> paths = new ArrayList<>();
        while (m.find()) {
            paths.add(m.group(1));
        }
        assertThat(paths).isNotEmpty().allMatch(p -> p.startsWith("/v1/") || p.startsWith("/health/") || p.equals("/metrics"));
    }
}
