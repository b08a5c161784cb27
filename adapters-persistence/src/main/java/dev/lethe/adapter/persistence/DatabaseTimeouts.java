package dev.lethe.adapter.persistence;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a call may wait on the database before it fails with {@code PersistenceException} (which the
 * HTTP API answers 503 store_unavailable), so an outage or a paused server bounds every request instead
 * of holding it until TCP gives up.
 *
 * @param connection longest wait for a pooled connection (HikariCP {@code connectionTimeout}, at least 250 ms)
 * @param connect longest TCP connect to a MySQL/MariaDB server (Connector/J {@code connectTimeout})
 * @param socket longest wait for any answer on an open MySQL/MariaDB connection (Connector/J {@code socketTimeout});
 *     a streamed read waits this long per packet, not for the whole stream
 * @param query longest one statement may run (JDBC query timeout, rounded up to whole seconds; zero: none)
 */
public record DatabaseTimeouts(Duration connection, Duration connect, Duration socket, Duration query) {
    /** Seconds-scale bounds: above any query the API makes, far below a client's patience. */
    public static final DatabaseTimeouts DEFAULT = new DatabaseTimeouts(
            Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(15), Duration.ofSeconds(10));

    public DatabaseTimeouts {
        require("connection", connection, Duration.ofMillis(250));
        require("connect", connect, Duration.ofMillis(1));
        require("socket", socket, Duration.ofMillis(1));
        require("query", query, Duration.ZERO);
    }

    /** The query timeout in JDBC's unit, whole seconds, rounded up so that no bound is shortened. */
    int querySeconds() {
        long millis = query.toMillis();
        return (int) Math.min(Integer.MAX_VALUE, (millis + 999) / 1000);
    }

    private static void require(String name, Duration value, Duration least) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(least) < 0 || value.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException(name + " timeout must be between " + least.toMillis() + " ms and 24 h, got: " + value.toMillis() + " ms");
        }
    }
}
