package dev.lethe.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lethe.bootstrap.config.LetheConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one MariaDB behind HAProxy (Debian's, configured like scripts/replicas.sh does):
 * behaviours accepted by one show in the other's recommendations within the documented staleness bound
 * (docs/scaling.md: one feed poll, 500 ms, plus the round; asserted at 5 s), a version activated on
 * one is served by the other, the balancer's answers are consistent whichever server answers, and
 * training jobs started on either run exactly once.
 */
class ReplicasIT {
    private static final String ADMIN = "replicas-admin-key-00000000";
    private static final Duration STALENESS_BOUND = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path shared;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private JsonNode send(int port, String method, String path, String key, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(300);
        return JSON.readTree(response.body());
    }

    private static String event(String id, String user, String item, Instant at) {
        return "{\"eventId\":\"" + id + "\",\"userId\":\"" + user + "\",\"itemId\":\"" + item + "\",\"type\":\"view\",\"timestamp\":\"" + at + "\"}";
    }

    private Process haproxy(int port, int... backends) throws IOException {
        boolean installed = Files.isExecutable(Path.of("/usr/sbin/haproxy"));
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(installed, "haproxy is not installed (apt-get install haproxy): skipping the replica test");
        }
        StringBuilder config = new StringBuilder("""
                defaults
                  mode http
                  timeout connect 2s
                  timeout client 30s
                  timeout server 30s
                frontend lethe
                  bind 127.0.0.1:%d
                  default_backend servers
                backend servers
                  balance roundrobin
                  option httpchk
                  http-check send meth GET uri /health/ready ver HTTP/1.1 hdr Host localhost
                """.formatted(port));
        for (int b = 0; b < backends.length; b++) {
            config.append("  server s").append(b).append(" 127.0.0.1:").append(backends[b]).append(" check inter 500ms\n");
        }
        Path file = shared.resolve("haproxy.cfg");
        Files.writeString(file, config);
        Process process = new ProcessBuilder("/usr/sbin/haproxy", "-db", "-f", file.toString()).redirectErrorStream(true)
                .redirectOutput(shared.resolve("haproxy.log").toFile()).start();
        return process;
    }

    @Test
    void twoServersBehindHaproxyAnswerConsistently() throws Exception {
        String url = System.getProperty("lethe.it.jdbcUrl");
        Assumptions.assumeTrue(url != null && !url.isBlank(), "lethe.it.jdbcUrl is not set: skipping the replica test");
        // Both servers share the database and the artifact directory (docs/scaling.md).
        LetheConfig config = LetheConfig.load(Optional.empty(), Map.of()).withDataDir(shared.resolve("data")).withHttpPort(0)
                .withAdminKey(ADMIN).withJdbcUrl(url);
        try (LetheRuntime a = LetheRuntime.prepare(config, Clock.systemUTC(), new ApplicationModule.NoEngineModule());
             LetheRuntime b = LetheRuntime.prepare(config, Clock.systemUTC(), new ApplicationModule.NoEngineModule())) {
            int portA = a.listen();
            int portB = b.listen();
            int balancer = freePort();
            Process lb = haproxy(balancer, portA, portB);
            try {
                String tenant = "rep" + Long.toString(System.nanoTime(), 36);
                String key = send(portA, "POST", "/v1/tenants", ADMIN, "{\"id\":\"" + tenant + "\",\"name\":\"Replicas\",\"kind\":\"ecommerce\"}")
                        .get("apiKey").asText();
                Instant now = Instant.now();
                List<String> base = new ArrayList<>();
                for (int u = 0; u < 5; u++) {
                    base.add(event(tenant + "-o" + u, "old" + u, "steady", now.minus(Duration.ofHours(u + 1))));
                }
                send(portA, "POST", "/v1/events", key, "[" + String.join(",", base) + "]");
                assertThat(until(() -> topFor(portB, key, "newcomer").equals("steady"))).isLessThan(STALENESS_BOUND);

                // Accepted through A, shown by B within the bound.
                List<String> burst = new ArrayList<>();
                for (int u = 0; u < 20; u++) {
                    burst.add(event(tenant + "-h" + u, "fan" + u, "hot", now.minusSeconds(10)));
                }
                long accepted = System.nanoTime();
                send(portA, "POST", "/v1/events", key, "[" + String.join(",", burst) + "]");
                Duration staleness = until(() -> topFor(portB, key, "newcomer").equals("hot"));
                assertThat(staleness).isLessThan(STALENESS_BOUND);
                System.out.printf("replica staleness: B served A's behaviours after %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - accepted));

                // Through the balancer, every answer agrees (both servers answer in turn).
                Set<String> tops = new HashSet<>();
                for (int i = 0; i < 10; i++) {
                    tops.add(topFor(balancer, key, "newcomer"));
                }
                assertThat(tops).containsExactly("hot");

                // A version trained and activated on A is served by B.
                JsonNode job = send(portA, "POST", "/v1/training-jobs", key, "{\"family\":\"profile\",\"activation\":\"always\"}");
                String jobId = job.get("id").asText();
                until(() -> send(portA, "GET", "/v1/training-jobs/" + jobId, key, null).get("status").asText().equals("succeeded"));
                Duration switched = until(() -> send(portB, "GET", "/v1/users/fan1/recommendations?k=3", key, null).get("model").asText().equals("profile"));
                assertThat(switched).isLessThan(STALENESS_BOUND);
                assertThat(send(balancer, "GET", "/v1/users/fan1/recommendations?k=3", key, null).get("model").asText()).isEqualTo("profile");

                // Jobs started through the balancer (so on both servers) each run exactly once: one attempt, one version each.
                List<String> jobs = new ArrayList<>();
                for (int j = 0; j < 4; j++) {
                    jobs.add(send(balancer, "POST", "/v1/training-jobs", key, "{\"family\":\"decayed-pop\",\"activation\":\"never\"}").get("id").asText());
                }
                Set<Integer> versions = new HashSet<>();
                for (String id : jobs) {
                    until(() -> send(portB, "GET", "/v1/training-jobs/" + id, key, null).get("status").asText().equals("succeeded"));
                    JsonNode done = send(portA, "GET", "/v1/training-jobs/" + id, key, null);
                    assertThat(done.get("attempts").asInt()).as(done.toString()).isEqualTo(1);
                    versions.add(done.get("modelVersion").asInt());
                }
                assertThat(versions).hasSize(4);
                assertThat(send(portB, "GET", "/v1/models", key, null).get("models")).hasSize(5);
            } finally {
                lb.destroy();
                lb.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private String topFor(int port, String key, String user) throws IOException, InterruptedException {
        JsonNode items = send(port, "GET", "/v1/users/" + user + "/recommendations?k=1", key, null).get("items");
        return items.isEmpty() ? "" : items.get(0).get("itemId").asText();
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    /** How long until {@code check} holds; fails after 30 s. */
    private static Duration until(Check check) throws Exception {
        long start = System.nanoTime();
        while (!check.holds()) {
            if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(30)) {
                throw new AssertionError("did not hold within 30 s");
            }
            Thread.sleep(20);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
