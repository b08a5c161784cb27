package dev.lethe.adapter.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An open-loop, constant-rate HTTP load generator (what wrk2 does; wrk2 is not in Debian): requests are
 * due at fixed intervals whatever the server does, and each latency is measured from the moment the
 * request was due, so queueing behind a slow response counts (no coordinated omission). Not a test.
 *
 * <p>Arguments: {@code host port key rate seconds scenario [users] [batch] [warm-up seconds]}; scenario is
 * {@code health}, {@code recommend} or {@code ingest}. The warm-up (default 5 s, same rate) is not recorded.
 * Prints one line of results.
 */
final class LoadGenerator {
    private LoadGenerator() {}

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String key = args[2];
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        String scenario = args[5];
        int users = args.length > 6 ? Integer.parseInt(args[6]) : 1000;
        int batch = args.length > 7 ? Integer.parseInt(args[7]) : 100;
        int warmUp = rate * (args.length > 8 ? Integer.parseInt(args[8]) : 5);

        Vertx vertx = Vertx.vertx();
        HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setDefaultHost(host).setDefaultPort(port),
                new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(-1));
        int measured = rate * seconds;
        int total = warmUp + measured;
        long[] latencies = new long[measured];
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicLong eventCounter = new AtomicLong();
        String runId = Long.toString(System.nanoTime(), 36);
        CountDownLatch done = new CountDownLatch(total);
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long[] measureStart = new long[1];
        for (int i = 0; i < total; i++) {
            if (i == warmUp) {
                measureStart[0] = System.nanoTime();
            }
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int index = i;
            RequestOptions options = new RequestOptions().putHeader("Authorization", "Bearer " + key);
            Buffer body = null;
            switch (scenario) {
                case "health" -> options.setMethod(HttpMethod.GET).setURI("/health/live");
                case "recommend" -> options.setMethod(HttpMethod.GET)
                        .setURI("/v1/users/u" + ThreadLocalRandom.current().nextInt(users) + "/recommendations?k=10");
                case "ingest" -> {
                    options.setMethod(HttpMethod.POST).setURI("/v1/events").putHeader("Content-Type", "application/json");
                    body = Buffer.buffer(batch(runId, eventCounter, batch, users));
                }
                default -> throw new IllegalArgumentException("scenario must be health, recommend or ingest, got: " + scenario);
            }
            Buffer payload = body;
            vertx.runOnContext(v -> client.request(options)
                    .compose(req -> payload == null ? req.send() : req.send(payload))
                    .compose(resp -> resp.body().map(b -> resp.statusCode()))
                    .onComplete(ar -> {
                        if (index >= warmUp) {
                            latencies[index - warmUp] = System.nanoTime() - due;
                            if (ar.failed() || ar.result() >= 400) {
                                failures.incrementAndGet();
                            }
                            completed.incrementAndGet();
                        }
                        done.countDown();
                    }));
        }
        boolean finished = done.await(60, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - measureStart[0]) / 1e9;
        long[] sorted = Arrays.copyOf(latencies, completed.get());
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "scenario=%s offered=%d/s sent=%d completed=%d errors=%d achieved=%.0f/s p50=%.2fms p90=%.2fms p99=%.2fms p99.9=%.2fms max=%.2fms%s%n",
                scenario, rate, measured, completed.get(), failures.get(), completed.get() / elapsed,
                pct(sorted, 0.50), pct(sorted, 0.90), pct(sorted, 0.99), pct(sorted, 0.999),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, finished ? "" : " (timed out)");
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static String batch(String runId, AtomicLong counter, int size, int users) {
        StringBuilder json = new StringBuilder(size * 130).append('[');
        long now = System.currentTimeMillis();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < size; i++) {
            json.append(i == 0 ? "" : ",").append("{\"eventId\":\"g").append(runId).append('-').append(counter.incrementAndGet())
                    .append("\",\"userId\":\"u").append(random.nextInt(users)).append("\",\"itemId\":\"i").append(random.nextInt(2000))
                    .append("\",\"type\":\"view\",\"timestamp\":").append(now - random.nextInt(86_400_000)).append('}');
        }
        return json.append(']').toString();
    }
}
