package dev.lethe.adapter.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop bulk loader for the scale benchmark (scripts/scale-benchmark.sh): keeps {@code concurrency}
 * requests in flight until done. Not a test.
 *
 * <p>{@code host port key items N [categories]}: PUTs items {@code i0 .. iN-1}, item k in category {@code c(k mod categories)}.
 * {@code host port key events FROM TO batch items users days [concurrency]}: POSTs events number FROM .. TO-1 (ids
 * {@code s-<n>}, so a tier continues where the last one stopped and a rerun is idempotent), each a view by a
 * uniform user of an item drawn with a popularity skew (index = items × u²), at a moment in the last {@code days}
 * days; the event's content is a function of its number. Prints progress lines and one summary line.
 */
final class BulkLoader {
    private BulkLoader() {}

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String key = args[2];
        Vertx vertx = Vertx.vertx();
        HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setDefaultHost(host).setDefaultPort(port),
                new PoolOptions().setHttp1MaxSize(16).setMaxWaitQueueSize(-1));
        long started = System.nanoTime();
        String summary;
        if (args[3].equals("items")) {
            int n = Integer.parseInt(args[4]);
            int categories = args.length > 5 ? Integer.parseInt(args[5]) : 20;
            AtomicInteger failures = new AtomicInteger();
            run(vertx, 16, n, i -> send(client, new RequestOptions().setMethod(HttpMethod.PUT).setURI("/v1/items/i" + i), key,
                    Buffer.buffer("{\"categories\":[\"c" + (i % categories) + "\"]}"), failures));
            summary = String.format(Locale.ROOT, "items=%d failures=%d seconds=%.1f", n, failures.get(), (System.nanoTime() - started) / 1e9);
        } else {
            long from = Long.parseLong(args[4]);
            long to = Long.parseLong(args[5]);
            int batch = Integer.parseInt(args[6]);
            int items = Integer.parseInt(args[7]);
            int users = Integer.parseInt(args[8]);
            int days = Integer.parseInt(args[9]);
            int concurrency = args.length > 10 ? Integer.parseInt(args[10]) : 4;
            long now = System.currentTimeMillis();
            int batches = (int) ((to - from + batch - 1) / batch);
            AtomicInteger failures = new AtomicInteger();
            AtomicLong sent = new AtomicLong();
            long[] lastReport = {System.nanoTime()};
            run(vertx, concurrency, batches, b -> {
                long first = from + (long) b * batch;
                long last = Math.min(to, first + batch);
                StringBuilder json = new StringBuilder((int) (last - first) * 120).append('[');
                for (long e = first; e < last; e++) {
                    SplittableRandom random = new SplittableRandom(e * 0x9E3779B97F4A7C15L);
                    double u = random.nextDouble();
                    json.append(e == first ? "" : ",").append("{\"eventId\":\"s-").append(e)
                            .append("\",\"userId\":\"u").append(random.nextInt(users))
                            .append("\",\"itemId\":\"i").append((int) (items * u * u))
                            .append("\",\"type\":\"view\",\"timestamp\":").append(now - (long) (random.nextDouble() * days * 86_400_000L)).append('}');
                }
                sent.addAndGet(last - first);
                if (System.nanoTime() - lastReport[0] > 10_000_000_000L) {
                    lastReport[0] = System.nanoTime();
                    System.out.printf(Locale.ROOT, "loaded %d of %d events (%.0f events/s)%n", sent.get(), to - from,
                            sent.get() / ((System.nanoTime() - started) / 1e9));
                }
                return send(client, new RequestOptions().setMethod(HttpMethod.POST).setURI("/v1/events").putHeader("Content-Type", "application/json"),
                        key, Buffer.buffer(json.append(']').toString()), failures);
            });
            double seconds = (System.nanoTime() - started) / 1e9;
            summary = String.format(Locale.ROOT, "events=%d failures=%d seconds=%.1f rate=%.0f/s", to - from, failures.get(), seconds, (to - from) / seconds);
        }
        System.out.println(summary);
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Future<Void> send(HttpClientAgent client, RequestOptions options, String key, Buffer body, AtomicInteger failures) {
        options.putHeader("Authorization", "Bearer " + key).putHeader("Content-Type", "application/json");
        return client.request(options).compose(req -> req.send(body)).compose(resp -> resp.body().map(b -> {
            if (resp.statusCode() >= 300) {
                if (failures.incrementAndGet() <= 5) {
                    System.err.println("HTTP " + resp.statusCode() + ": " + b.toString().substring(0, Math.min(300, b.length())));
                }
            }
            return (Void) null;
        })).recover(e -> {
            failures.incrementAndGet();
            return Future.succeededFuture();
        });
    }

    /** Runs {@code task(0 .. n-1)} with at most {@code concurrency} in flight. */
    private static void run(Vertx vertx, int concurrency, int n, java.util.function.IntFunction<Future<Void>> task) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int c = 0; c < concurrency; c++) {
            vertx.runOnContext(v -> chain(next, n, task, done));
        }
        done.await();
    }

    private static void chain(AtomicInteger next, int n, java.util.function.IntFunction<Future<Void>> task, CountDownLatch done) {
        int i = next.getAndIncrement();
        if (i >= n) {
            done.countDown();
            return;
        }
        task.apply(i).onComplete(ar -> chain(next, n, task, done));
    }
}
