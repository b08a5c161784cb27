package dev.lethe.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lethe.application.service.tenant.ApiKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API end to end over in-memory stores: a real server on a random port, a real HTTP client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpApiIT {
    private Path artifacts;
    private TestServer server;
    private ApiClient client;

    @BeforeAll
    void start(@TempDir Path artifactDirectory) {
        artifacts = artifactDirectory;
        server = TestServer.start(artifacts, Optional.of(new FakeModelEngine()));
        client = new ApiClient(server.port);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static Instant daysAgo(double days) {
        return Instant.now().minus(Duration.ofMillis((long) (days * 86_400_000)));
    }

    /** A small shop: u1 liked shoes long ago and books recently; others made i-shoe-3 and i-book-3 popular. */
    private String seededTenant(String id) {
        String key = client.createTenant(id, "ecommerce");
        for (String item : List.of("i-shoe-1", "i-shoe-2", "i-shoe-3")) {
            assertThat(client.put("/v1/items/" + item, key, "{\"categories\":[\"shoes\"],\"attributes\":{\"brand\":\"x\"}}").status()).isEqualTo(200);
        }
        for (String item : List.of("i-book-1", "i-book-2", "i-book-3")) {
            assertThat(client.put("/v1/items/" + item, key, "{\"categories\":[\"books\"]}").status()).isEqualTo(200);
        }
        List<String> events = new ArrayList<>();
        events.add(ApiClient.event("e1", "u1", "i-shoe-1", "purchase", daysAgo(60)));
        events.add(ApiClient.event("e2", "u1", "i-shoe-2", "view", daysAgo(50)));
        events.add(ApiClient.event("e3", "u1", "i-book-1", "click", daysAgo(1)));
        events.add(ApiClient.event("e4", "u1", "i-book-2", "view", daysAgo(0.5)));
        for (int u = 2; u <= 6; u++) {
            events.add(ApiClient.event("p" + u + "a", "u" + u, "i-book-3", "view", daysAgo(2)));
            events.add(ApiClient.event("p" + u + "b", "u" + u, "i-shoe-3", "view", daysAgo(3)));
            events.add(ApiClient.event("p" + u + "c", "u" + u, "i-book-" + (u % 2 + 1), "view", daysAgo(1)));
        }
        JsonNode answer = client.post("/v1/events", key, "[" + String.join(",", events) + "]").json();
        assertThat(answer.get("accepted").asInt()).isEqualTo(events.size());
        return key;
    }

    @Test
    void creatingATenantReturnsItsKeyOnceAndStoresOnlyTheHash() {
        ApiClient.Reply reply = client.post("/v1/tenants", TestServer.ADMIN_KEY, "{\"id\":\"t-create\",\"name\":\"Shop\",\"kind\":\"video\"}");
        assertThat(reply.status()).isEqualTo(201);
        String key = reply.json().get("apiKey").asText();
        assertThat(key).hasSize(43);
        assertThat(reply.json().get("kind").asText()).isEqualTo("video");
        assertThat(server.tenants.findByApiKeyHash(ApiKeys.hash(key))).isPresent();
        assertThat(server.tenants.findByApiKeyHash(key)).isEmpty();
        assertThat(client.get("/v1/models", key).status()).isEqualTo(200);
    }

    @Test
    void anExplicitKeyIsAcceptedSoDemosCanUseKnownKeys() {
        String demoKey = "demo-key-0123456789-abcdef";
        ApiClient.Reply reply = client.post("/v1/tenants", TestServer.ADMIN_KEY,
                "{\"id\":\"t-demo\",\"name\":\"Demo\",\"kind\":\"finance\",\"apiKey\":\"" + demoKey + "\"}");
        assertThat(reply.status()).isEqualTo(201);
        assertThat(client.get("/v1/forgetting-curve", demoKey).json().at("/inForce/halfLifeDays").asDouble()).isEqualTo(90.0);
    }

    @Test
    void aUserWithoutAFittedCurveReadsTheTenantsDefault() {
        String key = client.createTenant("t-user-curve", "video");

        ApiClient.Reply reply = client.get("/v1/users/u1/forgetting-curve", key);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().at("/user").asText()).isEqualTo("u1");
        assertThat(reply.json().at("/curve/scope").asText()).isEqualTo("default");
        assertThat(reply.json().at("/curve/halfLifeDays").asDouble()).isEqualTo(30.0);
        assertThat(client.get("/v1/forgetting-curve", key).json().at("/userCurves").asInt()).isZero();
    }

    @Test
    void anItemEntersTheCatalogueWhenFirstStoredOrWhenTheClientSaysAndKeepsItOnUpdate() {
        String key = client.createTenant("catalogue-times", "ecommerce");
        java.time.Instant before = java.time.Instant.now().minusSeconds(1);
        JsonNode first = client.put("/v1/items/i-new", key, "{\"categories\":[\"shoes\"]}").json();
        java.time.Instant created = java.time.Instant.parse(first.get("createdAt").asText());
        assertThat(created).isAfter(before).isBeforeOrEqualTo(java.time.Instant.now());
        JsonNode updated = client.put("/v1/items/i-new", key, "{\"categories\":[\"boots\"]}").json();
        assertThat(updated.get("createdAt").asText()).isEqualTo(first.get("createdAt").asText());
        assertThat(updated.get("categories").get(0).asText()).isEqualTo("boots");
        JsonNode backfilled = client.put("/v1/items/i-old", key, "{\"createdAt\":\"2020-02-03T04:05:06Z\"}").json();
        assertThat(backfilled.get("createdAt").asText()).isEqualTo("2020-02-03T04:05:06Z");
    }

    @Test
    void creatingAnExistingTenantIsAConflict() {
        client.createTenant("t-twice", "video");
        ApiClient.Reply again = client.post("/v1/tenants", TestServer.ADMIN_KEY, "{\"id\":\"t-twice\",\"name\":\"Again\",\"kind\":\"video\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.json().get("code").asText()).isEqualTo("tenant_exists");
    }

    @Test
    void aBatchIngestsTheGoodEventsAndRejectsTheMalformedOneWithItsField() {
        String key = client.createTenant("t-batch", "ecommerce");
        String body = "[" + ApiClient.event("b1", "u1", "i1", "view", daysAgo(1)) + ","
                + "{\"eventId\":\"b2\",\"userId\":\"u1\",\"itemId\":\"i2\",\"type\":\"view\",\"timestamp\":true},"
                + "{\"eventId\":\"b3\",\"userId\":\"u1\",\"itemId\":\"i3\",\"type\":\"teleport\",\"timestamp\":1700000000000},"
                + ApiClient.event("b4", "u1", "i4", "click", Instant.parse("1980-01-01T00:00:00Z")) + ","
                + "{\"eventId\":\"b5\",\"userId\":\"u1\",\"itemId\":\"i5\",\"type\":\"watch\",\"timestamp\":" + daysAgo(2).toEpochMilli()
                + ",\"dwellMs\":3000,\"value\":0.5}]";
        JsonNode answer = client.post("/v1/events", key, body).json();
        assertThat(answer.get("accepted").asInt()).isEqualTo(2);
        assertThat(answer.get("rejected").asInt()).isEqualTo(3);
        JsonNode results = answer.get("results");
        assertThat(results.get(0).get("status").asText()).isEqualTo("accepted");
        assertThat(results.get(1).get("field").asText()).isEqualTo("timestamp");
        assertThat(results.get(1).get("eventId").asText()).isEqualTo("b2");
        assertThat(results.get(2).get("field").asText()).isEqualTo("type");
        assertThat(results.get(3).get("code").asText()).isEqualTo("timestamp_too_old");
        assertThat(results.get(4).get("status").asText()).isEqualTo("accepted");
        assertThat(server.behaviors.count(server.tenants.findByApiKeyHash(ApiKeys.hash(key)).orElseThrow().id())).isEqualTo(2);
    }

    @Test
    void ingestionIsIdempotentByEventId() {
        String key = client.createTenant("t-idem", "ecommerce");
        String body = "[" + ApiClient.event("x1", "u1", "i1", "view", daysAgo(1)) + "," + ApiClient.event("x1", "u1", "i1", "view", daysAgo(1)) + "]";
        JsonNode first = client.post("/v1/events", key, body).json();
        JsonNode second = client.post("/v1/events", key, body).json();
        assertThat(first.get("accepted").asInt()).isEqualTo(1);
        assertThat(first.get("duplicates").asInt()).isEqualTo(1);
        assertThat(second.get("duplicates").asInt()).isEqualTo(2);
    }

    @Test
    void ndjsonIsIngestedLineByLineAndAMalformedLineIsRejectedAlone() {
        String key = client.createTenant("t-ndjson", "video");
        String body = ApiClient.event("n1", "u1", "i1", "watch", daysAgo(1)) + "\n{not json\n" + ApiClient.event("n2", "u2", "i1", "watch", daysAgo(1)) + "\n";
        ApiClient.Reply reply = client.send("POST", "/v1/events", Optional.of(key), Optional.of("application/x-ndjson"), Optional.of(body));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(reply.json().at("/results/1/code").asText()).isEqualTo("malformed_json");
    }

    @Test
    void popularityRecommendationsAreExplainedByPopularityAloneAndNameNoInterest() {
        String key = seededTenant("t-explain");
        JsonNode answer = client.get("/v1/users/u1/recommendations?k=2&explain=true", key).json();
        assertThat(answer.get("coldStart").asBoolean()).isFalse();
        assertThat(answer.get("model").asText()).isEqualTo("decayed-pop");
        assertThat(answer.get("items")).hasSize(2);
        List<String> ids = new ArrayList<>();
        answer.get("items").forEach(i -> ids.add(i.get("itemId").asText()));
        assertThat(ids).doesNotContain("i-shoe-1", "i-shoe-2", "i-book-1", "i-book-2").contains("i-book-3");
        for (JsonNode item : answer.get("items")) {
            assertThat(item.get("because")).isEmpty();
            assertThat(item.get("contributions")).singleElement().satisfies(c -> {
                assertThat(c.get("kind").asText()).isEqualTo("popularity");
                assertThat(c.get("share").asDouble()).isEqualTo(1.0);
                assertThat(c.get("value").asDouble()).isEqualTo(item.get("score").asDouble());
            });
        }
    }

    @Test
    void recommendationsHonourExclusionsAndCategoryFilters() {
        String key = seededTenant("t-filter");
        JsonNode shoes = client.get("/v1/users/u1/recommendations?k=5&category=shoes", key).json();
        assertThat(shoes.get("items")).hasSize(1);
        assertThat(shoes.at("/items/0/itemId").asText()).isEqualTo("i-shoe-3");
        assertThat(shoes.at("/items/0/because").isMissingNode()).isTrue();
        JsonNode excluded = client.get("/v1/users/u1/recommendations?k=5&exclude=i-book-3,i-shoe-3", key).json();
        assertThat(excluded.get("items")).isEmpty();
    }

    @Test
    void fullDiversityFollowsTheBestItemWithOneOfAnotherCategory() {
        String key = client.createTenant("t-diverse", "video");
        Map<String, String> categories = Map.of("a1", "action", "a2", "action", "c1", "comedy");
        categories.forEach((item, category) ->
                assertThat(client.put("/v1/items/" + item, key, "{\"categories\":[\"" + category + "\"]}").status()).isEqualTo(200));
        List<String> events = new ArrayList<>();
        Map<String, Integer> views = Map.of("a1", 4, "a2", 3, "c1", 1);
        views.forEach((item, n) -> {
            for (int u = 0; u < n; u++) {
                events.add(ApiClient.event(item + "-" + u, "u" + u, item, "watch", daysAgo(1)));
            }
        });
        assertThat(client.post("/v1/events", key, "[" + String.join(",", events) + "]").json().get("accepted").asInt()).isEqualTo(events.size());
        assertThat(ids(client.get("/v1/users/newcomer/recommendations?k=2", key).json())).containsExactly("a1", "a2");
        assertThat(ids(client.get("/v1/users/newcomer/recommendations?k=2&diversity=0", key).json())).containsExactly("a1", "a2");
        assertThat(ids(client.get("/v1/users/newcomer/recommendations?k=2&diversity=1", key).json())).containsExactly("a1", "c1");
    }

    private static List<String> ids(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("items").forEach(i -> ids.add(i.get("itemId").asText()));
        return ids;
    }

    @Test
    void aUserWithoutHistoryGetsDecayedPopularityMarkedColdStart() {
        String key = seededTenant("t-cold");
        JsonNode answer = client.get("/v1/users/newcomer/recommendations?k=3", key).json();
        assertThat(answer.get("coldStart").asBoolean()).isTrue();
        assertThat(answer.get("model").asText()).isEqualTo("decayed-pop");
        assertThat(answer.get("items")).hasSize(3);
    }

    @Test
    void interestsShowTheDecayedProfileAndTheCurveInForce() {
        String key = seededTenant("t-interests");
        JsonNode profile = client.get("/v1/users/u1/interests", key).json();
        assertThat(profile.at("/curve/family").asText()).isEqualTo("exponential");
        assertThat(profile.at("/curve/halfLifeDays").asDouble()).isEqualTo(14.0);
        assertThat(profile.at("/curve/scope").asText()).isEqualTo("default");
        assertThat(profile.at("/categories/0/key").asText()).isEqualTo("books");
        JsonNode shoes = profile.at("/categories/1");
        assertThat(shoes.get("key").asText()).isEqualTo("shoes");
        assertThat(shoes.get("originalStrength").asDouble()).isEqualTo(9.0);
        assertThat(shoes.get("currentStrength").asDouble()).isLessThan(9.0 * Math.pow(0.5, 50.0 / 14));
    }

    @Test
    void erasingAUserRemovesTheirEventsAndTheirProfile() {
        String key = seededTenant("t-erase");
        ApiClient.Reply erased = client.delete("/v1/users/u1", key);
        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.json().get("erasedEvents").asInt()).isEqualTo(4);
        assertThat(client.get("/v1/users/u1/interests", key).json().get("items")).isEmpty();
        assertThat(client.get("/v1/users/u1/recommendations", key).json().get("coldStart").asBoolean()).isTrue();
        assertThat(client.delete("/v1/users/u1", key).json().get("erasedEvents").asInt()).isZero();
    }

    @Test
    void anotherTenantsKeySeesNothingOfThisTenant() {
        String owner = seededTenant("t-owner");
        String intruder = client.createTenant("t-intruder", "ecommerce");
        assertThat(client.get("/v1/users/u1/interests", intruder).json().get("items")).isEmpty();
        assertThat(client.get("/v1/users/u1/recommendations", intruder).json().get("items")).isEmpty();
        assertThat(client.delete("/v1/users/u1", intruder).json().get("erasedEvents").asInt()).isZero();
        String job = client.post("/v1/training-jobs", owner, "{\"family\":\"decayed-pop\"}").json().get("id").asText();
        awaitJob(owner, job);
        ApiClient.Reply peek = client.get("/v1/training-jobs/" + job, intruder);
        assertThat(peek.status()).isEqualTo(404);
        assertThat(peek.contentType()).startsWith("application/problem+json");
        assertThat(client.get("/v1/models", intruder).json().get("models")).isEmpty();
        assertThat(client.post("/v1/models/1/activate", intruder, "").status()).isEqualTo(404);
        assertThat(client.get("/v1/users/u1/interests", owner).json().get("items")).hasSize(4);
    }

    @Test
    void trainingRegistersVersionsActivatesByPolicyAndRollsBack() {
        String key = seededTenant("t-train");
        ApiClient.Reply started = client.post("/v1/training-jobs", key, "{\"family\":\"decayed-pop\"}");
        assertThat(started.status()).isEqualTo(202);
        JsonNode first = awaitJob(key, started.json().get("id").asText());
        assertThat(first.get("status").asText()).isEqualTo("succeeded");
        assertThat(first.get("metrics").has("ndcg@10")).isTrue();
        assertThat(first.get("modelVersion").asInt()).isEqualTo(1);
        assertThat(first.get("activation").asText()).isEqualTo("if-better");
        assertThat(first.get("attempts").asInt()).isEqualTo(1);
        assertThat(first.has("leaseExpiresAt")).as("a finished job holds no lease").isFalse();

        JsonNode second = awaitJob(key, client.post("/v1/training-jobs", key, "{\"family\":\"lstm\",\"activation\":\"always\"}").json().get("id").asText());
        assertThat(second.get("status").asText()).isEqualTo("succeeded");
        JsonNode models = client.get("/v1/models", key).json().get("models");
        assertThat(models).hasSize(2);
        assertThat(models.at("/0/version").asInt()).isEqualTo(2);
        assertThat(models.at("/0/active").asBoolean()).isTrue();
        assertThat(models.at("/0/engine").asText()).isEqualTo("fake");
        assertThat(Files.exists(artifacts.resolve("t-train/v2/model.txt"))).isTrue();
        assertThat(client.get("/v1/users/u1/recommendations", key).json().get("model").asText()).isEqualTo("lstm");

        ApiClient.Reply rollback = client.post("/v1/models/1/activate", key, "");
        assertThat(rollback.status()).isEqualTo(200);
        assertThat(rollback.json().get("active").asBoolean()).isTrue();
        assertThat(client.get("/v1/users/u1/recommendations", key).json().get("model").asText()).isEqualTo("decayed-pop");
        assertThat(client.get("/v1/models", key).json().at("/0/active").asBoolean()).isFalse();
    }

    @Test
    void anActiveProfileModelExplainsWithItsOwnReasons() {
        String key = seededTenant("t-profile");
        JsonNode job = awaitJob(key, client.post("/v1/training-jobs", key, "{\"family\":\"profile\",\"activation\":\"always\"}").json().get("id").asText());
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
        // A fresh view: an interest above the reason floor whatever curve the tiny log fitted.
        assertThat(client.post("/v1/events", key, "[" + ApiClient.event("fresh", "u1", "i-book-2", "view", daysAgo(0.0001)) + "]").status()).isEqualTo(200);

        JsonNode answer = client.get("/v1/users/u1/recommendations?k=2&explain=true", key).json();

        assertThat(answer.get("model").asText()).isEqualTo("profile");
        assertThat(answer.get("items")).isNotEmpty();
        JsonNode reasons = answer.at("/items/0/because");
        assertThat(reasons).as(answer.toString()).isNotEmpty();
        reasons.forEach(r -> assertThat(r.get("currentStrength").asDouble()).isLessThanOrEqualTo(r.get("originalStrength").asDouble()));
        for (JsonNode item : answer.get("items")) {
            JsonNode contributions = item.get("contributions");
            assertThat(contributions).as(item.toString()).isNotEmpty();
            double total = item.get("baseline").asDouble();
            double shares = 0;
            double previous = Double.POSITIVE_INFINITY;
            for (JsonNode c : contributions) {
                total += c.get("value").asDouble();
                shares += c.get("share").asDouble();
                assertThat(c.get("value").asDouble()).isLessThanOrEqualTo(previous);
                previous = c.get("value").asDouble();
                if (c.has("currentStrength")) {
                    assertThat(c.get("currentStrength").asDouble()).isGreaterThanOrEqualTo(0.1);
                }
            }
            assertThat(total).as(item.toString()).isCloseTo(item.get("score").asDouble(), within(1e-9));
            assertThat(shares).isCloseTo(1.0, within(1e-9));
        }
        JsonNode book = null;
        for (JsonNode item : answer.get("items")) {
            if (item.get("itemId").asText().equals("i-book-3")) {
                book = item;
            }
        }
        assertThat(book).as(answer.toString()).isNotNull();
        List<String> named = new ArrayList<>();
        book.get("contributions").forEach(c -> named.add(c.get("kind").asText() + ":" + c.path("key").asText("")));
        assertThat(named).as(book.toString()).contains("category:books").containsAnyOf("co-occurrence:i-book-1", "co-occurrence:i-book-2");
    }

    @Test
    void aTunedProfileJobEchoesItsSearchAndRegistersItsTrials() {
        String key = seededTenant("t-tune");
        ApiClient.Reply started = client.post("/v1/training-jobs", key,
                "{\"family\":\"profile\",\"activation\":\"always\",\"tune\":{\"budgetSeconds\":1,\"seed\":3,\"maxTrials\":8}}");
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json().at("/tune/budgetSeconds").asInt()).isEqualTo(1);
        assertThat(started.json().at("/tune/seed").asLong()).isEqualTo(3);

        JsonNode job = awaitJob(key, started.json().get("id").asText());

        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.at("/metrics/tune.trials").asDouble()).isBetween(5.0, 8.0);
        assertThat(job.at("/tune/maxTrials").asInt()).isEqualTo(8);
        JsonNode version = client.get("/v1/models", key).json().at("/models/0");
        assertThat(version.at("/metrics").has("tune.trial.000.validation_ndcg@10")).isTrue();
        assertThat(version.at("/metrics/tune.best.validation_ndcg@10").asDouble())
                .isGreaterThanOrEqualTo(version.at("/metrics/tune.defaults.validation_ndcg@10").asDouble());
        assertThat(client.get("/v1/users/u1/recommendations", key).json().get("model").asText()).isEqualTo("profile");
    }

    @Test
    void trainingAnUnknownFamilyIsRefusedNamingTheField() {
        String key = client.createTenant("t-family", "video");
        ApiClient.Reply reply = client.post("/v1/training-jobs", key, "{\"family\":\"oracle\"}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("field").asText()).isEqualTo("family");
    }

    @Test
    void healthMetricsAndOpenApiAreServed() throws Exception {
        String key = seededTenant("t-ops");
        client.get("/v1/users/u1/recommendations", key);
        client.get("/v1/models", key);
        assertThat(client.get("/health/live", key).status()).isEqualTo(200);
        assertThat(client.get("/health/ready", key).status()).isEqualTo(200);
        server.databaseUp.set(false);
        ApiClient.Reply notReady = client.get("/health/ready", key);
        server.databaseUp.set(true);
        assertThat(notReady.status()).isEqualTo(503);
        assertThat(notReady.contentType()).startsWith("application/problem+json");
        String metrics = client.get("/metrics", key).text();
        assertThat(metrics).contains("lethe_http_requests_seconds_bucket")
                .contains("route=\"/v1/users/:userId/recommendations\"")
                .contains("lethe_events_ingested_total{outcome=\"accepted\",tenant=\"t-ops\"}")
                .contains("lethe_model_active_version{tenant=\"t-ops\"}");
        ApiClient.Reply openApi = client.get("/openapi.yaml", key);
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.text()).isEqualTo(Files.readString(Path.of("..", "docs", "openapi.yaml")));
    }

    @Test
    void headOnAReadableResourceAnswersLikeGetWithoutABody() {
        String key = client.createTenant("t-head", "video");
        for (String path : List.of("/health/live", "/openapi.yaml", "/v1/models", "/v1/users/u1/recommendations", "/v1/training-jobs")) {
            ApiClient.Reply get = client.get(path, key);
            ApiClient.Reply head = client.send("HEAD", path, Optional.of(key), Optional.empty(), Optional.empty());

            assertThat(head.status()).as(path).isEqualTo(get.status()).isEqualTo(200);
            assertThat(head.contentType()).as(path).isEqualTo(get.contentType());
            assertThat(head.text()).as(path).isEmpty();
        }
    }

    @Test
    void headWithoutAKeyIsUnauthorizedLikeGet() {
        assertThat(client.send("HEAD", "/v1/models", Optional.empty(), Optional.empty(), Optional.empty()).status()).isEqualTo(401);
    }

    @Test
    void readinessAnswers503WithinTwoSecondsWhenTheDatabaseDoesNotAnswer() {
        server.databaseHangs.set(true);
        try {
            for (int probe = 0; probe < 3; probe++) {
                long started = System.nanoTime();
                ApiClient.Reply reply = client.send("GET", "/health/ready", Optional.empty(), Optional.empty(), Optional.empty());
                Duration took = Duration.ofNanos(System.nanoTime() - started);

                assertThat(reply.status()).isEqualTo(503);
                assertThat(reply.contentType()).startsWith("application/problem+json");
                assertThat(reply.json().get("code").asText()).isEqualTo("not_ready");
                assertThat(took).isLessThan(Duration.ofSeconds(2));
            }
        } finally {
            server.databaseHangs.set(false);
        }
        assertThat(client.send("GET", "/health/ready", Optional.empty(), Optional.empty(), Optional.empty()).status()).isEqualTo(200);
    }

    private JsonNode awaitJob(String key, String id) {
        return client.awaitJob(key, id, Duration.ofSeconds(20));
    }
}
