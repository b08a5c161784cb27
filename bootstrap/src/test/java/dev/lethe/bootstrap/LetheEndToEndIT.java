package dev.lethe.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lethe.bootstrap.config.LetheConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The walking skeleton end to end, on the real stack (Guice graph, Flyway, JDBC, Vert.x) against the
 * embedded database and against MariaDB: events in over HTTP, stored, recommendations out without
 * consumed items, and the data still there after a restart.
 */
class LetheEndToEndIT {
    private static final String ADMIN = "end-to-end-admin-key-0000";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalHttp http = new LocalHttp();

    @TempDir
    Path dataDir;

    private LetheConfig config(String database) {
        return ItDatabases.config(database, dataDir, ADMIN);
    }

    private HttpResponse<String> send(int port, String method, String path, String key, String body) throws IOException, InterruptedException {
        return http.send(port, method, path, key, body);
    }

    @ParameterizedTest
    @MethodSource("dev.lethe.bootstrap.ItDatabases#databases")
    void eventsInRecommendationsOutAndTheDataSurvivesARestart(String database) throws Exception {
        LetheConfig config = config(database);
        String tenant = "e2e" + Long.toString(System.nanoTime(), 36);
        Instant now = Instant.now();
        List<String> events = new ArrayList<>();
        // Ten other users make "hit" popular; alice consumed "seen"; "rare" had one view long ago.
        for (int u = 0; u < 10; u++) {
            events.add(event(tenant + "-h" + u, "user" + u, "hit", now.minusSeconds(3600L * (u + 1))));
        }
        events.add(event(tenant + "-a1", "alice", "seen", now.minusSeconds(60)));
        events.add(event(tenant + "-a2", "alice", "hit", now.minusSeconds(30)));
        events.add(event(tenant + "-r1", "bob", "rare", now.minusSeconds(86_400L * 300)));
        events.add(event(tenant + "-s1", "bob", "second", now.minusSeconds(7200)));
        events.add(event(tenant + "-s2", "carol", "second", now.minusSeconds(7300)));
        String batch = "[" + String.join(",", events) + "]";

        String key;
        try (LetheRuntime runtime = LetheRuntime.prepare(config, Clock.systemUTC(), new ApplicationModule.NoEngineModule())) {
            int port = runtime.listen();
            HttpResponse<String> created = send(port, "POST", "/v1/tenants", ADMIN,
                    "{\"id\":\"" + tenant + "\",\"name\":\"End to end\",\"kind\":\"ecommerce\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            key = JSON.readTree(created.body()).get("apiKey").asText();

            HttpResponse<String> ingested = send(port, "POST", "/v1/events", key, batch);
            assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(200);
            assertThat(JSON.readTree(ingested.body()).get("accepted").asInt()).isEqualTo(events.size());

            HttpResponse<String> retried = send(port, "POST", "/v1/events", key, batch);
            assertThat(JSON.readTree(retried.body()).get("duplicates").asInt()).isEqualTo(events.size());

            List<String> items = recommendedTo(port, key, "alice");
            assertThat(items).isNotEmpty().doesNotContain("seen", "hit").startsWith("second");
        }

        // A new process over the same data: the events are still there and still shape the answer.
        try (LetheRuntime runtime = LetheRuntime.prepare(config, Clock.systemUTC(), new ApplicationModule.NoEngineModule())) {
            int port = runtime.listen();
            List<String> items = recommendedTo(port, key, "alice");
            assertThat(items).isNotEmpty().doesNotContain("seen", "hit").startsWith("second");
            HttpResponse<String> duplicate = send(port, "POST", "/v1/events", key, batch);
            assertThat(JSON.readTree(duplicate.body()).get("accepted").asInt()).isZero();
        }
    }

    @Test
    void aBusyPortIsSaidToBeInUseWithTheFlagThatChangesIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0);
                LetheRuntime runtime = LetheRuntime.prepare(config("embedded").withHttpPort(taken.getLocalPort()),
                        Clock.systemUTC(), new ApplicationModule.NoEngineModule())) {
            assertThatThrownBy(runtime::listen).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("address is already in use").hasMessageContaining("--port");
        }
    }

    private List<String> recommendedTo(int port, String key, String user) throws IOException, InterruptedException {
        HttpResponse<String> response = send(port, "GET", "/v1/users/" + user + "/recommendations?k=10", key, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        List<String> items = new ArrayList<>();
        body.get("items").forEach(item -> items.add(item.get("itemId").asText()));
        return items;
    }

    private static String event(String id, String user, String item, Instant at) {
        return "{\"eventId\":\"" + id + "\",\"userId\":\"" + user + "\",\"itemId\":\"" + item
                + "\",\"type\":\"view\",\"timestamp\":\"" + at + "\"}";
    }
}
