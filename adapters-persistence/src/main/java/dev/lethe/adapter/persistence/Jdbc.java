package dev.lethe.adapter.persistence;

import dev.lethe.application.port.out.ConstraintViolationException;
import dev.lethe.application.port.out.PersistenceException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
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
    /** Tries of a transaction the database rolled back (deadlock), the first included. */
    private static final int ATTEMPTS = 6;
    /** The first retry waits up to this long; each later one up to twice as long as the one before, capped. */
    private static final long BACKOFF_BASE_MILLIS = 5;
    private static final long BACKOFF_CAP_MILLIS = 200;
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
    private final int queryTimeoutSeconds;

    Jdbc(DataSource dataSource, boolean mysql) {
        this(dataSource, mysql, 0);
    }

    /** With {@code queryTimeoutSeconds} > 0, every statement of every unit of work may run at most that long. */
    Jdbc(DataSource dataSource, boolean mysql, int queryTimeoutSeconds) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.mysql = mysql;
        if (queryTimeoutSeconds < 0) {
            throw new IllegalArgumentException("queryTimeoutSeconds must not be negative, got: " + queryTimeoutSeconds);
        }
        this.queryTimeoutSeconds = queryTimeoutSeconds;
    }

    /** Runs read-only work in auto-commit mode. */
    <T> T read(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(withQueryTimeout(connection));
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs work in one transaction, retrying deadlocks and serialization failures. */
    <T> T transaction(String what, Work<T> work) {
        return transaction(what, Jdbc::isTransient, work);
    }

    /** Runs work in one transaction, retrying (from scratch, in a new transaction) the failures {@code retryable} accepts. */
    <T> T transaction(String what, Predicate<SQLException> retryable, Work<T> work) {
        return transaction(what, retryable, Optional.empty(), work);
    }

    /**
     * Runs work in one READ COMMITTED transaction, retrying deadlocks: InnoDB then locks the index records
     * a statement touches and not the gaps between them, so writers of different rows do not block each
     * other. For work whose reads need no repeatable snapshot (it holds the rows it depends on locked).
     */
    <T> T readCommittedTransaction(String what, Work<T> work) {
        return transaction(what, Jdbc::isTransient, Optional.of(Connection.TRANSACTION_READ_COMMITTED), work);
    }

    private <T> T transaction(String what, Predicate<SQLException> retryable, Optional<Integer> isolation, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                if (isolation.isPresent()) {
                    // The pool restores the default isolation when the connection comes back.
                    connection.setTransactionIsolation(isolation.get());
                }
                connection.setAutoCommit(false);
                try {
                    T result = work.run(withQueryTimeout(connection));
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
                    throw failure(what, e);
                }
                backOff(what, attempt, e);
            }
        }
    }

    /** The port-level exception for a failed call: the input's fault when it broke a constraint, else the store's. */
    static PersistenceException failure(String what, SQLException e) {
        return isConstraintViolation(e)
                ? new ConstraintViolationException("could not " + what + ": the store refused the values", e)
                : new PersistenceException("could not " + what, e);
    }

    /**
     * Waits before retry {@code attempt}: a random time up to an exponentially growing bound ("full
     * jitter"), so that transactions that just deadlocked do not run into each other again in lockstep.
     */
    private static void backOff(String what, int attempt, SQLException cause) {
        long bound = Math.min(BACKOFF_CAP_MILLIS, BACKOFF_BASE_MILLIS << (attempt - 1));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            PersistenceException interrupted = new PersistenceException("interrupted while retrying to " + what, cause);
            interrupted.addSuppressed(e);
            throw interrupted;
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

    /**
     * A constraint of the store was broken (SQLState class 23: duplicate key, foreign key, check, not
     * null) or a value does not fit its column (class 22: too long, out of range, an invalid character
     * string): the values are at fault, not the store.
     */
    static boolean isConstraintViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("23") || sql.getSQLState().startsWith("22"))) {
                return true;
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

    /** The one number a query like {@code SELECT COUNT(*) …} returns, its parameters bound in order. */
    static long singleNumber(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("no row from: " + sql);
                }
                return row.getLong(1);
            }
        }
    }

    /** Rejects a negative row limit with an {@link IllegalArgumentException} naming {@code limit}. */
    static int requireLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got: " + limit);
        }
        return limit;
    }

    /** Rejects a missing, blank or too long text with an {@link IllegalArgumentException} naming the field. */
    static String requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank() || value.length() > maxLength) {
            throw new IllegalArgumentException(field + " must be 1-" + maxLength + " characters, got: "
                    + (value == null ? "null" : '"' + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + '"'));
        }
        return value;
    }

    /**
     * The connection, whose every new statement carries the query timeout: repositories create their own
     * statements, and JDBC has no per-connection default. A statement that sets a fetch size streams a
     * long result (the tenant's whole log for training) and gets none: the socket timeout still bounds
     * each wait for the next rows. Closing the view closes the connection.
     */
    private Connection withQueryTimeout(Connection connection) {
        if (queryTimeoutSeconds == 0) {
            return connection;
        }
        return (Connection) Proxy.newProxyInstance(Jdbc.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            Object result = invoke(connection, method, args);
            if (result instanceof Statement statement && Statement.class.isAssignableFrom(method.getReturnType())) {
                statement.setQueryTimeout(queryTimeoutSeconds);
                return Proxy.newProxyInstance(Jdbc.class.getClassLoader(), new Class<?>[] {method.getReturnType()}, (p, m, a) -> {
                    if (m.getName().equals("setFetchSize")) {
                        statement.setQueryTimeout(0);
                    }
                    return invoke(statement, m, a);
                });
            }
            return result;
        });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
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
