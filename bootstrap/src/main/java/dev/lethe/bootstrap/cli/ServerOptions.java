package dev.lethe.bootstrap.cli;

import dev.lethe.bootstrap.config.LetheConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options {@code serve} and {@code demo} share; flags override the file and the environment. */
public final class ServerOptions {
    @Option(names = "--config", description = "a properties file with lethe.* keys (see README)")
    Path configFile;

    @Option(names = "--port", description = "HTTP port (env LETHE_HTTP_PORT, default 8080)")
    Integer port;

    @Option(names = "--data-dir", description = "directory of the embedded database and model artifacts (env LETHE_DATA_DIR, default ./data)")
    Path dataDir;

    @Option(names = "--jdbc-url", description = "use this MySQL/MariaDB database instead of the embedded one (env LETHE_DB_URL)")
    String jdbcUrl;

    /** The configuration: defaults, then the file, then the environment, then these flags. */
    public LetheConfig resolve(Map<String, String> environment) {
        LetheConfig config = LetheConfig.load(Optional.ofNullable(configFile), environment);
        if (port != null) {
            config = config.withHttpPort(port);
        }
        if (dataDir != null) {
            config = config.withDataDir(dataDir);
        }
        if (jdbcUrl != null) {
            config = config.withJdbcUrl(jdbcUrl);
        }
        return config;
    }
}
