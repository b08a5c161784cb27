package dev.lethe.adapter.persistence;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the database is and how many connections to keep: MySQL 8 or MariaDB 10.11 through
 * {@code jdbc:mysql:} (MySQL Connector/J for both), or the embedded H2 through {@code jdbc:h2:}
 * in {@code MODE=MySQL}.
 *
 * @param user empty when the URL carries the credentials
 * @param password empty when there is none or the URL carries it
 * @param poolSize most connections open at once
 * @param timeouts how long a call may wait on the database
 */
public record DatabaseConfig(String jdbcUrl, String user, String password, int poolSize, DatabaseTimeouts timeouts) {
    public static final int MAX_POOL_SIZE = 200;

    /** With the {@link DatabaseTimeouts#DEFAULT default timeouts}. */
    public DatabaseConfig(String jdbcUrl, String user, String password, int poolSize) {
        this(jdbcUrl, user, password, poolSize, DatabaseTimeouts.DEFAULT);
    }

    public DatabaseConfig {
        Objects.requireNonNull(timeouts, "timeouts");
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new IllegalArgumentException("jdbcUrl must not be empty");
        }
        if (!jdbcUrl.startsWith("jdbc:mysql:") && !jdbcUrl.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("jdbcUrl must start with jdbc:mysql: (MySQL, MariaDB) or jdbc:h2: (embedded), got: "
                    + jdbcUrl.substring(0, Math.min(jdbcUrl.length(), 16)) + "…");
        }
        if (jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.toUpperCase(Locale.ROOT).contains(";MODE=MYSQL")) {
            throw new IllegalArgumentException("jdbcUrl of an H2 database must set ;MODE=MySQL, the dialect the migrations are written in");
        }
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
            throw new IllegalArgumentException("poolSize must be in [1, " + MAX_POOL_SIZE + "], got: " + poolSize);
        }
    }

    /** The embedded default: an H2 file database {@code lethe} under {@code dataDirectory}. */
    public static DatabaseConfig embedded(Path dataDirectory) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        String file = dataDirectory.resolve("lethe").toAbsolutePath().toString().replace('\\', '/');
        if (file.contains(";")) {
            throw new IllegalArgumentException("dataDirectory must not contain ';', got: " + dataDirectory);
        }
        return new DatabaseConfig("jdbc:h2:file:" + file + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE", "sa", "", 8);
    }

    /** The same database with other timeouts. */
    public DatabaseConfig withTimeouts(DatabaseTimeouts other) {
        return new DatabaseConfig(jdbcUrl, user, password, poolSize, other);
    }

    /** True for MySQL and MariaDB, false for the embedded H2. */
    public boolean isMySql() {
        return jdbcUrl.startsWith("jdbc:mysql:");
    }

    /** Never prints the password, nor a password passed inside the URL. */
    @Override
    public String toString() {
        return "DatabaseConfig[jdbcUrl=" + jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***") + ", user=" + user
                + ", password=" + (password.isEmpty() ? "" : "***") + ", poolSize=" + poolSize + ", timeouts=" + timeouts + "]";
    }
}
