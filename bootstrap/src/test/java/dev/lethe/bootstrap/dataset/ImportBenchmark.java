package dev.lethe.bootstrap.dataset;

import dev.lethe.application.port.in.CreateTenantCommand;
import dev.lethe.application.port.in.CreateTenantUseCase;
import dev.lethe.application.port.in.ImportHistoryUseCase;
import dev.lethe.bootstrap.ApplicationModule;
import dev.lethe.bootstrap.LetheRuntime;
import dev.lethe.bootstrap.config.LetheConfig;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.tenant.TenantKind;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Rows per second of {@code lethe import} (the whole path: read and parse the file, derive event ids,
 * the ingestion policy, the idempotent append in batches of {@link Backfill#BATCH}) against a raw
 * multi-row INSERT of the very same rows, already parsed in memory, into the very same table in
 * batches of the same size, auto-commit, no idempotency. Both legs of a round run back to back with the
 * order alternating; the benchmark tenant's rows are deleted before every leg and InnoDB's purge of them
 * waited for.
 *
 * <p>Arguments: {@code jdbcUrl [sizes=100000,1000000] [rounds=5]}; see docs/benchmarks.md for the command.
 */
final class ImportBenchmark {
    private static final TenantId TENANT = new TenantId("bench-import");
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);
    private static final String RAW_PREFIX = """
            INSERT INTO behavior_events
                (tenant_id, event_id, user_id, item_id, behavior_type, event_value, dwell_us, occurred_at, received_at)
            VALUES
            """;

    private ImportBenchmark() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int[] sizes = Arrays.stream((args.length > 1 ? args[1] : "100000,1000000").split(",")).mapToInt(Integer::parseInt).toArray();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path dir = Files.createTempDirectory("lethe-import-bench");
        LetheConfig config = LetheConfig.load(Optional.empty(), Map.of()).withJdbcUrl(url).withDataDir(dir);
        try (LetheRuntime runtime = LetheRuntime.prepare(config, Clock.systemUTC(), new ApplicationModule.NoEngineModule())) {
            ImportHistoryUseCase useCase = runtime.get(ImportHistoryUseCase.class);
            if (useCase.tenant(TENANT).isEmpty()) {
                runtime.get(CreateTenantUseCase.class).create(new CreateTenantCommand(TENANT, "import benchmark", TenantKind.ECOMMERCE, Optional.empty()));
            }
            printServer(url);
            for (int rows : sizes) {
                Path file = generate(dir.resolve("events-" + rows + ".csv"), rows, new Random(42));
                List<Object[]> parsed = DatasetFormat.CSV.read(file).events().stream().map(ImportBenchmark::columns).toList();
                System.out.printf(Locale.ROOT, "%n%,d rows (%,d bytes), batches of %,d, %d rounds; load before: %s%n",
                        rows, Files.size(file), Backfill.BATCH, rounds, loadAverage());
                // Warm-up: JIT, pool, buffer pool pages of the indexes.
                clear(url);
                Backfill.run(useCase, TENANT, DatasetFormat.CSV, generate(dir.resolve("warm-up.csv"), 20_000, new Random(7)), Optional.empty(), NO_LISTENER);
                clear(url);
                raw(url, parsed.subList(0, Math.min(rows, 20_000)));
                double[] rawRates = new double[rounds];
                double[] importRates = new double[rounds];
                double[] ratios = new double[rounds];
                System.out.printf("%-6s %14s %14s %7s%n", "round", "raw rows/s", "import rows/s", "ratio");
                for (int round = 0; round < rounds; round++) {
                    boolean rawFirst = round % 2 == 0;
                    for (int leg = 0; leg < 2; leg++) {
                        clear(url);
                        if ((leg == 0) == rawFirst) {
                            rawRates[round] = rate(rows, () -> raw(url, parsed));
                        } else {
                            importRates[round] = rate(rows, () -> {
                                Backfill.Summary summary = Backfill.run(useCase, TENANT, DatasetFormat.CSV, file, Optional.empty(), NO_LISTENER);
                                if (summary.stored() != rows) {
                                    throw new IllegalStateException("the import stored " + summary.stored() + " of " + rows + " rows: " + summary);
                                }
                            });
                        }
                    }
                    ratios[round] = importRates[round] / rawRates[round];
                    System.out.printf(Locale.ROOT, "%-6d %,14.0f %,14.0f %7.2f%n", round + 1, rawRates[round], importRates[round], ratios[round]);
                }
                // The median of the per-round ratios: both legs of a round ran back to back under the same load.
                System.out.printf(Locale.ROOT, "%-6s %,14.0f %,14.0f %7.2f%n", "median", median(rawRates), median(importRates), median(ratios));
                System.out.println("load after: " + loadAverage());
                clear(url);
            }
        }
    }

    private static final Backfill.Listener NO_LISTENER = new Backfill.Listener() {
        @Override
        public void linesDone(int line) {}

        @Override
        public void badLine(BadLine bad) {
            throw new IllegalStateException("the benchmark file has a bad line: " + bad.message());
        }
    };

    private interface Leg {
        void run() throws Exception;
    }

    /** Rows per second of one leg. */
    private static double rate(int rows, Leg leg) throws Exception {
        long start = System.nanoTime();
        leg.run();
        return rows * 1e9 / (System.nanoTime() - start);
    }

    /** Client-style history without event ids: 10k users, 50k items, every behaviour type, time moving forward. */
    private static Path generate(Path file, int rows, Random random) throws Exception {
        String[] types = {"view", "view", "view", "click", "click", "like", "add-to-cart", "purchase", "rate"};
        long at = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("user,item,timestamp,type,value\n");
            for (int i = 0; i < rows; i++) {
                at += random.nextInt(20);
                String type = types[random.nextInt(types.length)];
                w.write("u" + random.nextInt(10_000) + ",i" + random.nextInt(50_000) + ',' + at + ',' + type + ','
                        + (type.equals("rate") ? Double.toString(1 + random.nextInt(10) / 2.0) : "") + '\n');
            }
        }
        return file;
    }

    /**
     * What a hand-written loader would do: one multi-row INSERT per batch, auto-commit, no idempotency. Its
     * rows are column values prepared before the clock starts, so it pays for nothing but the INSERT.
     */
    private static void raw(String url, List<Object[]> rows) throws Exception {
        try (Connection connection = DriverManager.getConnection(url); PreparedStatement full = connection.prepareStatement(insertOf(Backfill.BATCH))) {
            for (List<Object[]> batch : partition(rows, Backfill.BATCH)) {
                if (batch.size() == Backfill.BATCH) {
                    insert(full, batch);
                } else {
                    try (PreparedStatement last = connection.prepareStatement(insertOf(batch.size()))) {
                        insert(last, batch);
                    }
                }
            }
        }
    }

    private static String insertOf(int rows) {
        return RAW_PREFIX + String.join(", ", Collections.nCopies(rows, "(?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    }

    private static void insert(PreparedStatement insert, List<Object[]> batch) throws Exception {
        String receivedAt = DATETIME.format(LocalDateTime.now(ZoneOffset.UTC));
        int p = 1;
        for (Object[] values : batch) {
            for (Object value : values) {
                insert.setObject(p++, value == RECEIVED_AT ? receivedAt : value);
            }
        }
        insert.executeUpdate();
    }

    /** Stands for the batch's receipt time in a raw row. */
    private static final Object RECEIVED_AT = new Object();

    /** The columns of {@link #RAW_PREFIX} for one behaviour; the dwell is never set by the csv format. */
    private static Object[] columns(Behavior b) {
        return new Object[] {TENANT.value(), b.eventId().value(), b.userId().value(), b.itemId().value(), b.type().wireName(),
            b.value().isPresent() ? b.value().getAsDouble() : null, null,
            DATETIME.format(LocalDateTime.ofInstant(b.occurredAt().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC)), RECEIVED_AT};
    }

    private static <T> List<List<T>> partition(List<T> list, int size) {
        List<List<T>> parts = new ArrayList<>();
        for (int from = 0; from < list.size(); from += size) {
            parts.add(list.subList(from, Math.min(list.size(), from + size)));
        }
        return parts;
    }

    /**
     * Deletes the benchmark tenant's rows, then waits (at most a minute) until InnoDB's purge has caught
     * up with the delete, so that purging a million deleted rows does not fall on the next leg's time.
     */
    private static void clear(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
                PreparedStatement delete = connection.prepareStatement("DELETE FROM behavior_events WHERE tenant_id = ?")) {
            long before = historyLength(connection);
            delete.setString(1, TENANT.value());
            delete.executeUpdate();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (historyLength(connection) > before && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
        }
    }

    /** The undo-log history not yet purged (server-wide; other clients' transactions count too). */
    private static long historyLength(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(
                "SELECT count FROM information_schema.INNODB_METRICS WHERE name = 'trx_rseg_history_len'")) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    private static String loadAverage() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    /** The middle value (the mean of the two middle ones for an even count). */
    private static double median(double[] values) {
        double[] sorted = Arrays.stream(values).sorted().toArray();
        return (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
    }

    private static void printServer(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT VERSION(), @@innodb_flush_log_at_trx_commit, @@innodb_buffer_pool_size")) {
            row.next();
            System.out.printf("server: %s, innodb_flush_log_at_trx_commit=%s, innodb_buffer_pool_size=%dMiB; %d cores%n",
                    row.getString(1), row.getString(2), row.getLong(3) >> 20, Runtime.getRuntime().availableProcessors());
        }
    }
}
