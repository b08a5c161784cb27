package dev.lethe.adapter.persistence;

import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.BehaviorRepository.AppendOutcome;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.UUID;

/**
 * Events per second of {@link BehaviorRepository#append} against a raw multi-row INSERT of the very same
 * rows into the very same table, batches of 1,000, measured in one run and alternating which goes first.
 * Before every measurement the benchmark tenant's rows are deleted, so both start from the same table.
 *
 * <p>Arguments: {@code [jdbcUrl] [rows=200000] [rounds=7]}; see docs/benchmarks.md for the command.
 */
final class BehaviorIngestBenchmark {
    private static final int BATCH = 1_000;
    private static final TenantId TENANT = new TenantId("bench-ingest");
    private static final String RAW_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private BehaviorIngestBenchmark() {}

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : System.getProperty(TestDatabases.IT_URL_PROPERTY,
                "jdbc:mysql://127.0.0.1:3306/lethe_test?user=lethe&password=lethe");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        try (Database database = Database.open(new DatabaseConfig(url, "", "", 4))) {
            database.migrate();
            printServer(database);
            BehaviorRepository repository = new JdbcBehaviorRepository(database.jdbc(), Clock.systemUTC());
            List<Behavior> events = generate(rows, new Random(42));

            // Warm-up: JIT, pool, buffer pool pages of the indexes.
            List<Behavior> warmUp = events.subList(0, Math.min(rows, 20_000));
            clear(database);
            raw(database, warmUp);
            clear(database);
            adapter(repository, warmUp);

            double[] rawRates = new double[rounds];
            double[] adapterRates = new double[rounds];
            System.out.printf("%-6s %14s %14s %7s%n", "round", "raw ev/s", "adapter ev/s", "ratio");
            for (int round = 0; round < rounds; round++) {
                boolean rawFirst = round % 2 == 0;
                for (int leg = 0; leg < 2; leg++) {
                    clear(database);
                    if ((leg == 0) == rawFirst) {
                        rawRates[round] = rows / seconds(() -> raw(database, events));
                    } else {
                        adapterRates[round] = rows / seconds(() -> adapter(repository, events));
                    }
                }
                System.out.printf("%-6d %,14.0f %,14.0f %7.2f%n", round + 1, rawRates[round], adapterRates[round], adapterRates[round] / rawRates[round]);
            }
            double[] ratios = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                ratios[round] = adapterRates[round] / rawRates[round];
            }
            // The median of the per-round ratios: both legs of a round ran back to back under the same load.
            System.out.printf("%-6s %,14.0f %,14.0f %7.2f%n", "median", median(rawRates), median(adapterRates), median(ratios));
            clear(database);
        }
    }

    private interface Run {
        void run() throws Exception;
    }

    private static double seconds(Run run) throws Exception {
        long start = System.nanoTime();
        run.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static void adapter(BehaviorRepository repository, List<Behavior> events) {
        for (int from = 0; from < events.size(); from += BATCH) {
            List<AppendOutcome> outcomes = repository.append(TENANT, events.subList(from, Math.min(events.size(), from + BATCH)));
            if (outcomes.contains(AppendOutcome.DUPLICATE)) {
                throw new IllegalStateException("the benchmark table was not empty");
            }
        }
    }

    /** What a hand-written ingester would do: one multi-row INSERT per batch, auto-commit, no idempotency. */
    private static void raw(Database database, List<Behavior> events) throws SQLException {
        String prefix = """
                INSERT INTO behavior_events
                    (tenant_id, event_id, user_id, item_id, behavior_type, event_value, dwell_us, occurred_at, received_at)
                VALUES
                """;
        try (Connection connection = database.dataSource().getConnection()) {
            PreparedStatement full = null;
            try {
                for (int from = 0; from < events.size(); from += BATCH) {
                    List<Behavior> batch = events.subList(from, Math.min(events.size(), from + BATCH));
                    PreparedStatement insert = batch.size() == BATCH && full != null ? full
                            : connection.prepareStatement(prefix + String.join(", ", java.util.Collections.nCopies(batch.size(), RAW_ROW)));
                    Instant receivedAt = Instant.now();
                    int p = 1;
                    for (Behavior behavior : batch) {
                        insert.setString(p++, TENANT.value());
                        insert.setString(p++, behavior.eventId().value());
                        insert.setString(p++, behavior.userId().value());
                        insert.setString(p++, behavior.itemId().value());
                        insert.setString(p++, behavior.type().wireName());
                        if (behavior.value().isPresent()) {
                            insert.setDouble(p++, behavior.value().getAsDouble());
                        } else {
                            insert.setNull(p++, Types.DOUBLE);
                        }
                        if (behavior.dwell().isPresent()) {
                            insert.setLong(p++, behavior.dwell().get().toNanos() / 1000);
                        } else {
                            insert.setNull(p++, Types.BIGINT);
                        }
                        Jdbc.setInstant(insert, p++, behavior.occurredAt());
                        Jdbc.setInstant(insert, p++, receivedAt);
                    }
                    insert.executeUpdate();
                    if (batch.size() == BATCH) {
                        full = insert;
                    } else {
                        insert.close();
                    }
                }
            } finally {
                if (full != null) {
                    full.close();
                }
            }
        }
    }

    private static void clear(Database database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM behavior_events WHERE tenant_id = ?")) {
            delete.setString(1, TENANT.value());
            delete.executeUpdate();
        }
    }

    /** Client-style events: random UUID event ids, 10k users, 50k items, a time that moves forward. */
    private static List<Behavior> generate(int count, Random random) {
        BehaviorType[] types = BehaviorType.values();
        List<Behavior> events = new ArrayList<>(count);
        Instant at = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            at = at.plusMillis(random.nextInt(2_000));
            BehaviorType type = types[random.nextInt(types.length)];
            OptionalDouble value = type == BehaviorType.RATE ? OptionalDouble.of(1 + random.nextInt(10) / 2.0) : OptionalDouble.empty();
            Optional<Duration> dwell = random.nextBoolean() ? Optional.of(Duration.ofMillis(random.nextInt(600_000))) : Optional.empty();
            events.add(new Behavior(new EventId(new UUID(random.nextLong(), random.nextLong()).toString()),
                    new UserId("u" + random.nextInt(10_000)), new ItemId("i" + random.nextInt(50_000)), type, at, value, dwell));
        }
        return events;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void printServer(Database database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            if (!database.isMySql()) {
                System.out.println("server: embedded H2 " + connection.getMetaData().getDatabaseProductVersion());
                return;
            }
            try (ResultSet row = statement.executeQuery("""
                    SELECT VERSION(), @@innodb_flush_log_at_trx_commit, @@innodb_buffer_pool_size, @@sync_binlog, @@log_bin
                    """)) {
                row.next();
                System.out.printf("server: %s, innodb_flush_log_at_trx_commit=%s, innodb_buffer_pool_size=%dMiB, sync_binlog=%s, log_bin=%s%n",
                        row.getString(1), row.getString(2), row.getLong(3) >> 20, row.getString(4), row.getString(5));
            }
        }
    }
}
