package dev.lethe.bootstrap;

import dev.lethe.bootstrap.config.LetheConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.provider.Arguments;

/** The databases the bootstrap ITs run on: the embedded one, and MariaDB when {@code -Dlethe.it.jdbcUrl} names one. */
final class ItDatabases {
    private ItDatabases() {}

    /** The parameter source: {@code embedded} and {@code mariadb}. */
    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("embedded"), Arguments.of("mariadb"));
    }

    /** The server URL for {@code mariadb} (the test is skipped when none is configured), empty for {@code embedded}. */
    static Optional<String> jdbcUrl(String database) {
        if (database.equals("embedded")) {
            return Optional.empty();
        }
        String url = System.getProperty("lethe.it.jdbcUrl");
        Assumptions.assumeTrue(url != null && !url.isBlank(), "lethe.it.jdbcUrl is not set: skipping the MariaDB run");
        return Optional.of(url);
    }

    /** Defaults with a data directory, a random port, the admin key and the database. */
    static LetheConfig config(String database, Path dataDir, String adminKey) {
        LetheConfig config = LetheConfig.load(Optional.empty(), Map.of()).withDataDir(dataDir).withHttpPort(0).withAdminKey(adminKey);
        return jdbcUrl(database).map(config::withJdbcUrl).orElse(config);
    }
}
