package dev.lethe.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lethe.application.service.training.TrainingWorker;
import dev.lethe.bootstrap.config.LetheConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A process killed with SIGKILL in the middle of a training job, on the real stack: a child JVM
 * ({@link SlowEngineServer}, i.e. {@code lethe serve} with a slow engine) claims the job and is killed
 * while training; a new process over the same database sees the lease expire and re-runs the job to
 * the end, or, with no attempts left, fails it saying why. On the embedded database and on MariaDB.
 */
class TrainingJobCrashIT {
    private static final String ADMIN = "crash-test-admin-key-000000";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LEASE = Duration.ofSeconds(3);
    private final LocalHttp http = new LocalHttp();

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @MethodSource("dev.lethe.bootstrap.ItDatabases#databases")
    void aJobWhoseProcessWasKilledIsRunAgainByTheNextProcessToTheEnd(String database) throws Exception {
        Optional<String> url = ItDatabases.jdbcUrl(database);
        KilledJob killed = killMidJob(url, 3);

        try (LetheRuntime restarted = LetheRuntime.prepare(config(url, 3), Clock.systemUTC(), SlowEngineServer.module(0))) {
            JsonNode done = awaitJob(restarted.listen(), killed.key(), killed.jobId(), job -> !job.get("status").asText().matches("queued|running"));

            assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
            assertThat(done.get("attempts").asInt()).isEqualTo(2);
            assertThat(done.get("modelVersion").asInt()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.lethe.bootstrap.ItDatabases#databases")
    void aJobWhoseProcessWasKilledWithNoAttemptsLeftFailsSayingWhy(String database) throws Exception {
        Optional<String> url = ItDatabases.jdbcUrl(database);
        KilledJob killed = killMidJob(url, 1);

        try (LetheRuntime restarted = LetheRuntime.prepare(config(url, 1), Clock.systemUTC(), SlowEngineServer.module(0))) {
            JsonNode failed = awaitJob(restarted.listen(), killed.key(), killed.jobId(), job -> !job.get("status").asText().matches("queued|running"));

            assertThat(failed.get("status").asText()).as(failed.toString()).isEqualTo("failed");
            assertThat(failed.get("error").asText()).contains("the process running it (").contains(") stopped: lease expired at ")
                    .contains("gave up after 1 of 1 attempts");
        }
    }

    private record KilledJob(String key, String jobId) {}

    /** A child process claims a slow job of a new tenant and is killed with SIGKILL while training it. */
    private KilledJob killMidJob(Optional<String> url, int maxAttempts) throws Exception {
        Process child = startChild(url, maxAttempts);
        try {
            int port = awaitPort(child);
            String key = http.tenantWithEvents(port, ADMIN, "crash" + Long.toString(System.nanoTime(), 36));
            String jobId = startSlowJob(port, key);
            JsonNode running = awaitJob(port, key, jobId, job -> job.get("status").asText().equals("running") && job.get("progress").asDouble() > 0.1);
            assertThat(running.get("attempts").asInt()).isEqualTo(1);
            return new KilledJob(key, jobId);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no release; the lease just stops being renewed
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private LetheConfig config(Optional<String> url, int maxAttempts) {
        LetheConfig config = LetheConfig.load(Optional.empty(), Map.of()).withDataDir(dataDir).withHttpPort(0).withAdminKey(ADMIN)
                .withTrainingJobs(new TrainingWorker.Settings(LEASE, Duration.ofSeconds(1), maxAttempts, Duration.ZERO));
        return url.map(config::withJdbcUrl).orElse(config);
    }

    private Process startChild(Optional<String> url, int maxAttempts) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SlowEngineServer.class.getName())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("LETHE_DATA_DIR", dataDir.toString());
        env.put("LETHE_HTTP_PORT", "0");
        env.put("LETHE_HTTP_HOST", "127.0.0.1");
        env.put("LETHE_ADMIN_KEY", ADMIN);
        env.put("LETHE_JOBS_LEASE_SECONDS", String.valueOf(LEASE.toSeconds()));
        env.put("LETHE_JOBS_POLL_SECONDS", "1");
        env.put("LETHE_JOBS_MAX_ATTEMPTS", String.valueOf(maxAttempts));
        env.put("SLOW_EPOCH_MILLIS", "500");
        url.ifPresent(u -> env.put("LETHE_DB_URL", u));
        return builder.start();
    }

    /** Reads the child's output (so it never blocks on a full pipe) until it says which port it listens on. */
    private static int awaitPort(Process child) throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        List<String> output = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.startsWith("PORT ")) {
                        port.complete(Integer.parseInt(line.substring(5).trim()));
                    }
                }
            } catch (IOException e) {
                // the child was killed
            }
            synchronized (output) {
                port.completeExceptionally(new AssertionError("the child exited without listening:\n" + String.join("\n", output)));
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        return port.get(60, TimeUnit.SECONDS);
    }

    private String startSlowJob(int port, String key) throws Exception {
        HttpResponse<String> started = send(port, "POST", "/v1/training-jobs", key,
                "{\"family\":\"" + SlowEngineServer.FAMILY + "\",\"activation\":\"never\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return JSON.readTree(started.body()).get("id").asText();
    }

    private JsonNode awaitJob(int port, String key, String jobId, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Map<String, Integer> seen = new HashMap<>();
        JsonNode job = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> reply = send(port, "GET", "/v1/training-jobs/" + jobId, key, null);
            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
            job = JSON.readTree(reply.body());
            seen.merge(job.get("status").asText(), 1, Integer::sum);
            if (condition.test(job)) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + jobId + " did not reach the expected state; last: " + job + ", states seen: " + seen);
    }

    private HttpResponse<String> send(int port, String method, String path, String key, String body) throws IOException, InterruptedException {
        return http.send(port, method, path, key, body);
    }
}
