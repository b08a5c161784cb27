package dev.lethe.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.lethe.application.port.out.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle of the store: the connection pool and the schema migrations. Bootstrap opens it once,
 * calls {@link #migrate()} before serving, asks {@link #isReachable()} for readiness and closes it on shutdown.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    static final String MIGRATIONS = "classpath:db/migration";
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    private final DatabaseConfig config;
    private final HikariDataSource dataSource;

    private Database(DatabaseConfig config, HikariDataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
    }

    /**
     * Creates the connection pool. It does not wait for the database: an unreachable one shows up in
     * {@link #isReachable()} and as {@link PersistenceException} on first use.
     */
    public static Database open(DatabaseConfig config) {
        Objects.requireNonNull(config, "config");
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("lethe-db");
        hikari.setJdbcUrl(config.jdbcUrl());
        if (!config.user().isEmpty()) {
            hikari.setUsername(config.user());
        }
        if (!config.password().isEmpty()) {
            hikari.setPassword(config.password());
        }
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(Math.min(2, config.poolSize()));
        hikari.setInitializationFailTimeout(-1);
        DatabaseTimeouts timeouts = config.timeouts();
        hikari.setConnectionTimeout(timeouts.connection().toMillis());
        // Checking an idle connection before lending it must fit inside the wait for a connection.
        hikari.setValidationTimeout(Math.max(250, Math.min(1_000, timeouts.connection().toMillis() / 2)));
        if (config.isMySql()) {
            // Bound every wait on the server: a paused or partitioned database fails calls instead of holding them.
            hikari.addDataSourceProperty("connectTimeout", Long.toString(timeouts.connect().toMillis()));
            hikari.addDataSourceProperty("socketTimeout", Long.toString(timeouts.socket().toMillis()));
            hikari.setDriverClassName("com.mysql.cj.jdbc.Driver");
            // One multi-row INSERT per executeBatch instead of one round trip per row.
            hikari.addDataSourceProperty("rewriteBatchedStatements", "true");
            // Skip round trips for setAutoCommit/isolation the driver already knows the state of.
            hikari.addDataSourceProperty("useLocalSessionState", "true");
            hikari.addDataSourceProperty("cacheServerConfiguration", "true");
            hikari.addDataSourceProperty("tcpKeepAlive", "true");
            // Whatever the server's default, a value that does not fit is an error, never silently clipped.
            hikari.setConnectionInitSql("SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'STRICT_ALL_TABLES')");
        } else {
            hikari.setDriverClassName("org.h2.Driver");
        }
        Database database = new Database(config, new HikariDataSource(hikari));
        LOG.info("database pool opened for {}", config);
        return database;
    }

    /** Brings the schema to the latest migration; blocks; throws {@link PersistenceException} when it cannot. */
    public void migrate() {
        try {
            // On MySQL/MariaDB the migrations run on their own connection without the pool's socket timeout:
            // a migration that builds an index on a large table (V13 on 10M behaviours: minutes) must not be
            // cut off like a stuck request.
            var configuration = Flyway.configure().locations(MIGRATIONS);
            Flyway flyway = (config.isMySql() ? configuration.dataSource(config.jdbcUrl() + (config.jdbcUrl().contains("?") ? "&" : "?")
                    + "connectTimeout=" + config.timeouts().connect().toMillis(), emptyToNull(config.user()), emptyToNull(config.password()))
                    : configuration.dataSource(dataSource)).load();
            var result = flyway.migrate();
            // The result names a target version only when something was applied: ask for the current one.
            MigrationInfo current = flyway.info().current();
            LOG.info("database schema at version {} ({} migrations applied)",
                    current == null ? "none" : current.getVersion(), result.migrationsExecuted);
        } catch (FlywayException e) {
            if (isLockedByAnotherProcess(e)) {
                throw new PersistenceException("the embedded database " + config.jdbcUrl().replaceFirst(";.*$", "")
                        + " is locked by another process (a running lethe serve or demo?): stop it first, or let both use a"
                        + " MySQL/MariaDB server (lethe.db.url)", e);
            }
            throw new PersistenceException("could not migrate the database schema of " + config, e);
        }
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }

    /** H2's file lock: another process has the embedded database open (H2 error 90020, DATABASE_ALREADY_OPEN). */
    private static boolean isLockedByAnotherProcess(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when a connection can be taken and answers within a second: the readiness check. Blocks at
     * most the connection timeout plus that second; a caller that must answer sooner bounds it itself.
     */
    public boolean isReachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException e) {
            LOG.debug("database not reachable", e);
            return false;
        }
    }

    /** Whether this database speaks MySQL/MariaDB (streaming and batching differ from H2). */
    boolean isMySql() {
        return config.isMySql();
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** The unit-of-work runner every repository of this database shares. */
    Jdbc jdbc() {
        return new Jdbc(dataSource, config.isMySql(), config.timeouts().querySeconds());
    }

    /** Closes every pooled connection; an embedded H2 file database is closed with its last connection. */
    @Override
    public void close() {
        dataSource.close();
    }
}
