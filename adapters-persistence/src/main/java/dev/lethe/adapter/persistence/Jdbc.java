package dev.lethe.adapter.persistence;

import dev.lethe.application.port.out.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransactionRollbackException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Runs units of JDBC work on pooled connections: reads in auto-commit, writes in one transaction that is
 * committed or rolled back as a whole, retried when the database asks for it (deadlock), and every
 * {@link SQLException} turned into a {@link PersistenceException} with the cause attached.
 */
final class Jdbc {
    /** The most rows one statement carries: IN lists and executeBatch chunks. */
    static final int CHUNK = 1000;
    private static final int ATTEMPTS = 3;
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);
    private static final int MYSQL_DUPLICATE_ENTRY = 1062;
    private static final int MYSQL_DUPLICATE_ENTRY_WITH_KEY = 1586;

    /** One unit of work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final boolean mysql;

    Jdbc(DataSource dataSource, boolean mysql) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.mysql = mysql;
    }

    /** Runs read-only work in auto-commit mode. */
    <T> T read(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new PersistenceException("could not " + what, e);
        }
    }

    /** Runs work in one transaction, retrying deadlocks and serialization failures. */
    <T> T transaction(String what, Work<T> work) {
        return transaction(what, Jdbc::isTransient, work);
    }

    /** Runs work in one transaction, retrying (from scratch, in a new transaction) the failures {@code retryable} accepts. */
    <T> T transaction(String what, Predicate<SQLException> retryable, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(connection, e);
                    throw e;
                } finally {
                    restoreAutoCommit(connection);
                }
            } catch (SQLException e) {
                if (attempt >= ATTEMPTS || !retryable.test(e)) {
                    throw new PersistenceException("could not " + what, e);
                }
            }
        }
    }

    /**
     * The fetch size that makes the driver stream rows instead of reading the whole result: Connector/J
     * streams row by row only with {@link Integer#MIN_VALUE}; H2 pages with an ordinary fetch size.
     */
    int streamingFetchSize() {
        return mysql ? Integer.MIN_VALUE : CHUNK;
    }

    /** A deadlock or serialization failure: the transaction was rolled back and may simply be run again. */
    static boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransactionRollbackException
                    || (t instanceof SQLException sql && "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** A unique or primary key was violated (not a foreign key or check). */
    static boolean isDuplicateKey(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                if ("23505".equals(sql.getSQLState())) {
                    return true; // H2 and the SQL standard
                }
                boolean integrity = sql instanceof SQLIntegrityConstraintViolationException
                        || (sql.getSQLState() != null && sql.getSQLState().startsWith("23"));
                if (integrity && (sql.getErrorCode() == MYSQL_DUPLICATE_ENTRY || sql.getErrorCode() == MYSQL_DUPLICATE_ENTRY_WITH_KEY)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code ?, ?, …} with {@code count} placeholders (never values: those are always bound). */
    static String placeholders(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive, got: " + count);
        }
        StringBuilder sql = new StringBuilder(count * 3);
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        return sql.toString();
    }

    /**
     * Binds a moment as a UTC DATETIME(6); sub-microsecond digits are dropped. Bound as text because
     * Connector/J drops the fraction of temporal objects on MariaDB 10.x, whose handshake claims 5.5.5.
     */
    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setString(index, DATETIME.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC)));
    }

    /** Reads a UTC DATETIME(6) column back as a moment. */
    static Instant getInstant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    /** Rejects a missing, blank or too long text with an {@link IllegalArgumentException} naming the field. */
    static String requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank() || value.length() > maxLength) {
            throw new IllegalArgumentException(field + " must be 1-" + maxLength + " characters, got: "
                    + (value == null ? "null" : '"' + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + '"'));
        }
        return value;
    }

    private static void rollbackQuietly(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // The connection is broken; the pool discards it on close.
        }
    }
}
