package dev.lethe.adapter.persistence;

import dev.lethe.application.port.out.BehaviorRepository;
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
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The event log in table {@code behavior_events}. An append is optimistic: the batch goes in as one JDBC
 * batch (one multi-row INSERT with Connector/J's {@code rewriteBatchedStatements}) in one transaction.
 * Only when a unique key clashes (a retried batch, a concurrent writer) is that transaction rolled back
 * and a second one looks the stored event ids up and inserts the rest; a clash there with a concurrent
 * writer runs it again, when the clashing ids are reported DUPLICATE. Rows go in sorted by event id, so
 * behaviours of one batch at the very same moment are ordered by event id.
 */
final class JdbcBehaviorRepository implements BehaviorRepository {
    private static final String COLUMNS = "event_id, user_id, item_id, behavior_type, event_value, dwell_us, occurred_at";

    private static final String INSERT = """
            INSERT INTO behavior_events
                (tenant_id, event_id, user_id, item_id, behavior_type, event_value, dwell_us, occurred_at, received_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;
    private static final String EXISTING_PREFIX = """
            SELECT event_id FROM behavior_events WHERE tenant_id = ? AND event_id IN (
            """;
    /**
     * The per-request reads name the user's index: MySQL and MariaDB pick it anyway, but H2 (the embedded
     * store) has no statistics until ANALYZE runs and took the (tenant, event id) index, scanning the
     * tenant's whole log on every request (~50 ms at 44k behaviours). {@code USE INDEX} is valid on all three.
     */
    private static final String USER_INDEX = "USE INDEX (ix_behavior_events_user_history)";
    private static final String RECENT_FOR_USER = """
            SELECT %s FROM behavior_events %s
            WHERE tenant_id = ? AND user_id = ?
            ORDER BY occurred_at DESC, seq DESC
            LIMIT ?
            """.formatted(COLUMNS, USER_INDEX);
    private static final String RECENT_FOR_USER_UP_TO = """
            SELECT %s FROM behavior_events %s
            WHERE tenant_id = ? AND user_id = ? AND occurred_at <= ?
            ORDER BY occurred_at DESC, seq DESC
            LIMIT ?
            """.formatted(COLUMNS, USER_INDEX);
    // '!' escapes LIKE's wildcards: a backslash means different things in MySQL's and H2's string literals.
    private static final String USERS_STARTING_WITH = """
            SELECT DISTINCT user_id FROM behavior_events
            WHERE tenant_id = ? AND user_id LIKE ? ESCAPE '!'
            ORDER BY user_id
            LIMIT ?
            """;
    private static final String SUMMARY_TOTALS = """
            SELECT COUNT(*), COUNT(DISTINCT user_id), COUNT(DISTINCT item_id) FROM behavior_events WHERE tenant_id = ?
            """;
    private static final String SUMMARY_PER_TYPE = """
            SELECT behavior_type, COUNT(*) FROM behavior_events WHERE tenant_id = ? GROUP BY behavior_type
            """;
    private static final String SUMMARY_PER_DAY = """
            SELECT CAST(occurred_at AS DATE), COUNT(*) FROM behavior_events
            WHERE tenant_id = ? AND occurred_at >= ?
            GROUP BY CAST(occurred_at AS DATE)
            ORDER BY 1
            """;
    private static final String CONSUMED_ITEMS = """
            SELECT DISTINCT item_id FROM behavior_events USE INDEX (ix_behavior_events_user_history) WHERE tenant_id = ? AND user_id = ?
            """;
    private static final String IN_TIME_ORDER = """
            SELECT seq, %s FROM behavior_events
            WHERE tenant_id = ? AND occurred_at >= ? AND seq <= ?
            ORDER BY occurred_at, seq
            """.formatted(COLUMNS);
    /** The rows of a sequence range that a window read of the tenant does not deliver by definition: other tenants', or before the window. */
    private static final String OUTSIDE_WINDOW = """
            SELECT seq FROM behavior_events
            WHERE seq > ? AND seq <= ? AND NOT (tenant_id = ? AND occurred_at >= ?)
            """;
    private static final String NTH_NEWEST = """
            SELECT occurred_at FROM behavior_events WHERE tenant_id = ?
            ORDER BY occurred_at DESC, seq DESC LIMIT 1 OFFSET ?
            """;
    private static final String SEQUENCE_BELOW_NEWEST = """
            SELECT seq FROM behavior_events WHERE tenant_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?
            """;
    private static final String LATEST_SEQUENCE = "SELECT COALESCE(MAX(seq), 0) FROM behavior_events";
    private static final String STORED_COLUMNS = "SELECT seq, tenant_id, item_id, occurred_at FROM behavior_events ";
    private static final String STORED_OF_TENANT = STORED_COLUMNS + "WHERE tenant_id = ? AND seq > ? AND seq <= ? ORDER BY seq";
    private static final String COUNT = """
            SELECT COUNT(*) FROM behavior_events WHERE tenant_id = ?
            """;
    private static final String ERASE_EVENTS = """
            DELETE FROM behavior_events WHERE tenant_id = ? AND user_id = ?
            """;
    private static final String ERASE_CURVE_STATISTICS = """
            DELETE FROM forgetting_curve_statistics WHERE tenant_id = ? AND scope = ?
            """;
    private static final String ERASE_CURVE = """
            DELETE FROM forgetting_curves WHERE tenant_id = ? AND scope = ?
            """;

    private final Jdbc jdbc;
    private final Clock clock;

    JdbcBehaviorRepository(Jdbc jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<AppendOutcome> append(TenantId tenantId, List<Behavior> behaviors) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(behaviors, "behaviors");
        if (behaviors.isEmpty()) {
            return List.of();
        }
        // First occurrence of every event id in the batch; later ones are DUPLICATE whatever the store holds.
        Map<String, Integer> firstOccurrence = new LinkedHashMap<>();
        for (int i = 0; i < behaviors.size(); i++) {
            Behavior behavior = Objects.requireNonNull(behaviors.get(i), () -> "behaviors must not contain null");
            firstOccurrence.putIfAbsent(behavior.eventId().value(), i);
        }
        Instant receivedAt = clock.instant();
        String what = "append " + behaviors.size() + " behaviours of tenant " + tenantId;
        Optional<List<AppendOutcome>> allNew = jdbc.transaction(what, connection -> {
            try {
                insert(connection, tenantId, firstOccurrences(behaviors, firstOccurrence, Set.of()), receivedAt);
                return Optional.of(outcomes(behaviors.size(), firstOccurrence, Set.of()));
            } catch (SQLException e) {
                if (!Jdbc.isDuplicateKey(e)) {
                    throw e;
                }
                connection.rollback();
                return Optional.empty();
            }
        });
        if (allNew.isPresent()) {
            return allNew.get();
        }
        // A retry or a concurrent writer stored some of them: look the stored ids up and insert the rest.
        return jdbc.transaction(what, e -> Jdbc.isTransient(e) || Jdbc.isDuplicateKey(e), connection -> {
            Set<String> stored = existingEventIds(connection, tenantId, new ArrayList<>(firstOccurrence.keySet()));
            insert(connection, tenantId, firstOccurrences(behaviors, firstOccurrence, stored), receivedAt);
            return outcomes(behaviors.size(), firstOccurrence, stored);
        });
    }

    /**
     * The first occurrences not yet stored, sorted by event id: every writer then takes the unique-key
     * locks in the same order, so concurrent overlapping batches wait for each other instead of deadlocking.
     */
    private static List<Behavior> firstOccurrences(List<Behavior> behaviors, Map<String, Integer> firstOccurrence, Set<String> stored) {
        List<Behavior> fresh = new ArrayList<>(firstOccurrence.size());
        for (Map.Entry<String, Integer> first : firstOccurrence.entrySet()) {
            if (!stored.contains(first.getKey())) {
                fresh.add(behaviors.get(first.getValue()));
            }
        }
        fresh.sort(Comparator.comparing(Behavior::eventId));
        return fresh;
    }

    /** STORED for each first occurrence not already stored, DUPLICATE for everything else, in input order. */
    private static List<AppendOutcome> outcomes(int size, Map<String, Integer> firstOccurrence, Set<String> stored) {
        AppendOutcome[] outcomes = new AppendOutcome[size];
        Arrays.fill(outcomes, AppendOutcome.DUPLICATE);
        for (Map.Entry<String, Integer> first : firstOccurrence.entrySet()) {
            if (!stored.contains(first.getKey())) {
                outcomes[first.getValue()] = AppendOutcome.STORED;
            }
        }
        return List.of(outcomes);
    }

    private static Set<String> existingEventIds(Connection connection, TenantId tenantId, List<String> eventIds) throws SQLException {
        Set<String> existing = new HashSet<>();
        for (int from = 0; from < eventIds.size(); from += Jdbc.CHUNK) {
            List<String> chunk = eventIds.subList(from, Math.min(eventIds.size(), from + Jdbc.CHUNK));
            try (PreparedStatement select = connection.prepareStatement(EXISTING_PREFIX + Jdbc.placeholders(chunk.size()) + ")")) {
                select.setString(1, tenantId.value());
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 2, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        existing.add(rows.getString(1));
                    }
                }
            }
        }
        return existing;
    }

    private static void insert(Connection connection, TenantId tenantId, List<Behavior> fresh, Instant receivedAt) throws SQLException {
        if (fresh.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            int pending = 0;
            for (Behavior behavior : fresh) {
                bind(insert, tenantId, behavior, receivedAt);
                insert.addBatch();
                if (++pending == Jdbc.CHUNK) {
                    requireAllInserted(insert.executeBatch(), pending);
                    pending = 0;
                }
            }
            if (pending > 0) {
                requireAllInserted(insert.executeBatch(), pending);
            }
        }
    }

    private static void bind(PreparedStatement insert, TenantId tenantId, Behavior behavior, Instant receivedAt) throws SQLException {
        insert.setString(1, tenantId.value());
        insert.setString(2, behavior.eventId().value());
        insert.setString(3, behavior.userId().value());
        insert.setString(4, behavior.itemId().value());
        insert.setString(5, behavior.type().wireName());
        if (behavior.value().isPresent()) {
            insert.setDouble(6, behavior.value().getAsDouble());
        } else {
            insert.setNull(6, Types.DOUBLE);
        }
        if (behavior.dwell().isPresent()) {
            insert.setLong(7, micros(behavior.dwell().get()));
        } else {
            insert.setNull(7, Types.BIGINT);
        }
        Jdbc.setInstant(insert, 8, behavior.occurredAt());
        Jdbc.setInstant(insert, 9, receivedAt);
    }

    /** A batch that did not insert every row must not commit: the caller would believe it stored. */
    private static void requireAllInserted(int[] counts, int expected) throws SQLException {
        if (counts.length != expected) {
            throw new SQLException("batch insert reported " + counts.length + " results for " + expected + " rows");
        }
        for (int count : counts) {
            if (count != Statement.SUCCESS_NO_INFO && count < 1) {
                throw new SQLException("batch insert left a row out (update count " + count + ")");
            }
        }
    }

    @Override
    public List<Behavior> recentForUser(TenantId tenantId, UserId userId, int limit) {
        return recent(tenantId, userId, Optional.empty(), limit);
    }

    @Override
    public List<Behavior> recentForUser(TenantId tenantId, UserId userId, Instant upTo, int limit) {
        return recent(tenantId, userId, Optional.of(Objects.requireNonNull(upTo, "upTo")), limit);
    }

    private List<Behavior> recent(TenantId tenantId, UserId userId, Optional<Instant> upTo, int limit) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        if (Jdbc.requireLimit(limit) == 0) {
            return List.of();
        }
        return jdbc.read("read the recent behaviours of a user of tenant " + tenantId, connection -> {
            List<Behavior> newestFirst = new ArrayList<>(Math.min(limit, 1024));
            try (PreparedStatement select = connection.prepareStatement(upTo.isPresent() ? RECENT_FOR_USER_UP_TO : RECENT_FOR_USER)) {
                int p = 1;
                select.setString(p++, tenantId.value());
                select.setString(p++, userId.value());
                if (upTo.isPresent()) {
                    Jdbc.setInstant(select, p++, upTo.get());
                }
                select.setInt(p, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        newestFirst.add(behavior(rows));
                    }
                }
            }
            Collections.reverse(newestFirst);
            return List.copyOf(newestFirst);
        });
    }

    @Override
    public List<UserId> usersStartingWith(TenantId tenantId, String prefix, int limit) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(prefix, "prefix");
        if (Jdbc.requireLimit(limit) == 0) {
            return List.of();
        }
        String pattern = prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return jdbc.read("find users of tenant " + tenantId, connection -> {
            List<UserId> users = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(USERS_STARTING_WITH)) {
                select.setString(1, tenantId.value());
                select.setString(2, pattern);
                select.setInt(3, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        users.add(new UserId(rows.getString(1)));
                    }
                }
            }
            return List.copyOf(users);
        });
    }

    @Override
    public LogSummary summarize(TenantId tenantId, Instant since) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(since, "since");
        return jdbc.read("summarize the behaviours of tenant " + tenantId, connection -> {
            long behaviours;
            long users;
            long items;
            try (PreparedStatement select = connection.prepareStatement(SUMMARY_TOTALS)) {
                select.setString(1, tenantId.value());
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    behaviours = row.getLong(1);
                    users = row.getLong(2);
                    items = row.getLong(3);
                }
            }
            Map<BehaviorType, Long> perType = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(SUMMARY_PER_TYPE)) {
                select.setString(1, tenantId.value());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        perType.put(BehaviorType.parse(rows.getString(1)), rows.getLong(2));
                    }
                }
            }
            List<DayCount> perDay = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(SUMMARY_PER_DAY)) {
                select.setString(1, tenantId.value());
                Jdbc.setInstant(select, 2, since);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        perDay.add(new DayCount(rows.getObject(1, LocalDate.class), rows.getLong(2)));
                    }
                }
            }
            return new LogSummary(behaviours, users, items, perType, perDay);
        });
    }

    @Override
    public Set<ItemId> consumedItems(TenantId tenantId, UserId userId) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        return jdbc.read("read the consumed items of a user of tenant " + tenantId, connection -> {
            Set<ItemId> items = new HashSet<>();
            try (PreparedStatement select = connection.prepareStatement(CONSUMED_ITEMS)) {
                select.setString(1, tenantId.value());
                select.setString(2, userId.value());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        items.add(new ItemId(rows.getString(1)));
                    }
                }
            }
            return Collections.unmodifiableSet(items);
        });
    }

    /**
     * Streams row by row; the connection is held until the sink has seen the last behaviour, so the sink
     * should not block for long. An exception thrown by the sink ends the stream and propagates unchanged.
     */
    @Override
    public SortedSet<Long> forEachInTimeOrder(TenantId tenantId, Instant since, long upToSequence, Consumer<Behavior> sink) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(sink, "sink");
        long lookFrom = upToSequence == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, upToSequence - UNSEEN_LOOKBACK);
        java.util.BitSet delivered = new java.util.BitSet();
        jdbc.read("stream the behaviours of tenant " + tenantId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(IN_TIME_ORDER, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                select.setFetchSize(jdbc.streamingFetchSize());
                select.setString(1, tenantId.value());
                Jdbc.setInstant(select, 2, since);
                select.setLong(3, upToSequence);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        long seq = rows.getLong("seq");
                        if (seq > lookFrom) {
                            delivered.set((int) (seq - lookFrom));
                        }
                        sink.accept(behavior(rows));
                    }
                }
            }
            return null;
        });
        if (lookFrom == Long.MAX_VALUE || lookFrom >= upToSequence) {
            return new TreeSet<>();
        }
        // Read after the stream: whatever this sees committed outside the window was never the window's;
        // what is left of the range are numbers without a visible row, or the tenant's rows that committed
        // after the stream's snapshot.
        jdbc.read("look for sequence numbers the window read of tenant " + tenantId + " did not see", connection -> {
            try (PreparedStatement select = connection.prepareStatement(OUTSIDE_WINDOW)) {
                select.setLong(1, lookFrom);
                select.setLong(2, upToSequence);
                select.setString(3, tenantId.value());
                Jdbc.setInstant(select, 4, since);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        delivered.set((int) (rows.getLong(1) - lookFrom));
                    }
                }
            }
            return null;
        });
        SortedSet<Long> unseen = new TreeSet<>();
        for (int offset = delivered.previousClearBit((int) (upToSequence - lookFrom)); offset > 0 && unseen.size() < MAX_UNSEEN;
                offset = delivered.previousClearBit(offset - 1)) {
            unseen.add(lookFrom + offset);
        }
        return unseen;
    }

    @Override
    public Optional<Instant> momentOfNewest(TenantId tenantId, long n) {
        Objects.requireNonNull(tenantId, "tenantId");
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive, got: " + n);
        }
        return jdbc.read("find the " + n + "-th newest behaviour of tenant " + tenantId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(NTH_NEWEST)) {
                select.setString(1, tenantId.value());
                select.setLong(2, n - 1);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(Jdbc.getInstant(rows, "occurred_at")) : Optional.<Instant>empty();
                }
            }
        });
    }

    @Override
    public long sequenceBelowNewest(TenantId tenantId, long n) {
        Objects.requireNonNull(tenantId, "tenantId");
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, got: " + n);
        }
        return jdbc.read("find the sequence number below the " + n + " newest behaviours of tenant " + tenantId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(SEQUENCE_BELOW_NEWEST)) {
                select.setString(1, tenantId.value());
                select.setLong(2, n);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public long latestSequence() {
        return jdbc.read("read the latest behaviour sequence number", connection -> {
            try (PreparedStatement select = connection.prepareStatement(LATEST_SEQUENCE); ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    @Override
    public List<Stored> storedAfter(long afterSequence, Collection<Long> alsoSequences, int limit) {
        Objects.requireNonNull(alsoSequences, "alsoSequences");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got: " + limit);
        }
        String sql = STORED_COLUMNS + "WHERE seq > ?"
                + (alsoSequences.isEmpty() ? "" : " OR seq IN (" + Jdbc.placeholders(alsoSequences.size()) + ")")
                + " ORDER BY seq LIMIT ?";
        List<Object> parameters = new ArrayList<>();
        parameters.add(afterSequence);
        parameters.addAll(alsoSequences);
        parameters.add(limit);
        return readStored("tail the behaviour log after " + afterSequence, sql, parameters);
    }

    @Override
    public List<Stored> storedAmong(TenantId tenantId, Collection<Long> sequences) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(sequences, "sequences");
        if (sequences.isEmpty()) {
            return List.of();
        }
        String sql = STORED_COLUMNS + "WHERE tenant_id = ? AND seq IN (" + Jdbc.placeholders(sequences.size()) + ") ORDER BY seq";
        List<Object> parameters = new ArrayList<>();
        parameters.add(tenantId.value());
        parameters.addAll(sequences);
        return readStored("read behaviours of tenant " + tenantId + " by sequence number", sql, parameters);
    }

    /** The rows {@code sql} (a {@link #STORED_COLUMNS} query) selects with {@code parameters} bound in order. */
    private List<Stored> readStored(String what, String sql, List<Object> parameters) {
        return jdbc.read(what, connection -> {
            List<Stored> stored = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int p = 0; p < parameters.size(); p++) {
                    select.setObject(p + 1, parameters.get(p));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        stored.add(stored(rows));
                    }
                }
            }
            return stored;
        });
    }

    @Override
    public void forEachStored(TenantId tenantId, long afterSequence, long upToSequence, Consumer<Stored> sink) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(sink, "sink");
        jdbc.read("stream the behaviours of tenant " + tenantId + " after " + afterSequence, connection -> {
            try (PreparedStatement select = connection.prepareStatement(STORED_OF_TENANT, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                select.setFetchSize(jdbc.streamingFetchSize());
                select.setString(1, tenantId.value());
                select.setLong(2, afterSequence);
                select.setLong(3, upToSequence);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(stored(rows));
                    }
                }
            }
            return null;
        });
    }

    private static Stored stored(ResultSet row) throws SQLException {
        return new Stored(row.getLong("seq"), new TenantId(row.getString("tenant_id")), new ItemId(row.getString("item_id")),
                Jdbc.getInstant(row, "occurred_at"));
    }

    @Override
    public long count(TenantId tenantId) {
        Objects.requireNonNull(tenantId, "tenantId");
        return jdbc.read("count the behaviours of tenant " + tenantId, connection -> Jdbc.singleNumber(connection, COUNT, tenantId.value()));
    }

    /** Also deletes the curve fitted on the user alone ({@code user:<id>}): erasure leaves nothing derived behind. */
    @Override
    public int eraseUser(TenantId tenantId, UserId userId) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        return jdbc.transaction("erase a user of tenant " + tenantId, connection -> {
            int erased;
            try (PreparedStatement delete = connection.prepareStatement(ERASE_EVENTS)) {
                delete.setString(1, tenantId.value());
                delete.setString(2, userId.value());
                erased = delete.executeUpdate();
            }
            String userScope = JdbcForgettingCurveRepository.userScope(userId);
            for (String sql : List.of(ERASE_CURVE_STATISTICS, ERASE_CURVE)) {
                try (PreparedStatement delete = connection.prepareStatement(sql)) {
                    delete.setString(1, tenantId.value());
                    delete.setString(2, userScope);
                    delete.executeUpdate();
                }
            }
            return erased;
        });
    }

    private static Behavior behavior(ResultSet row) throws SQLException {
        double value = row.getDouble("event_value");
        OptionalDouble optionalValue = row.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(value);
        long dwellMicros = row.getLong("dwell_us");
        Optional<Duration> dwell = row.wasNull() ? Optional.empty() : Optional.of(Duration.of(dwellMicros, ChronoUnit.MICROS));
        return new Behavior(
                new EventId(row.getString("event_id")),
                new UserId(row.getString("user_id")),
                new ItemId(row.getString("item_id")),
                BehaviorType.parse(row.getString("behavior_type")),
                Jdbc.getInstant(row, "occurred_at"),
                optionalValue,
                dwell);
    }

    private static long micros(Duration dwell) {
        try {
            return Math.addExact(Math.multiplyExact(dwell.getSeconds(), 1_000_000L), dwell.getNano() / 1000);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("dwell must fit in 292,000 years, got: " + dwell, e);
        }
    }
}
