package dev.lethe.bootstrap.config;

import dev.lethe.adapter.persistence.DatabaseTimeouts;
import dev.lethe.application.service.training.TrainingWorker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Lethe's settings. Each key has a default, may be set in a properties file, and is overridden by an
 * environment variable (the key upper-cased with dots as underscores: {@code lethe.http.port} is
 * {@code LETHE_HTTP_PORT}), which command-line flags override in turn.
 */
public record LetheConfig(
        String httpHost,
        int httpPort,
        Path dataDir,
        Optional<String> jdbcUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        String adminKey,
        String mlEngine,
        int workerPoolSize,
        DatabaseTimeouts dbTimeouts,
        TrainingWorker.Settings trainingJobs) {

    /** Every key with its default, for documentation and validation. */
    public static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("lethe.http.host", "0.0.0.0"),
            Map.entry("lethe.http.port", "8080"),
            Map.entry("lethe.data.dir", "./data"),
            Map.entry("lethe.db.url", ""),
            Map.entry("lethe.db.user", ""),
            Map.entry("lethe.db.password", ""),
            Map.entry("lethe.db.pool-size", "8"),
            Map.entry("lethe.db.connection-timeout-ms", Long.toString(DatabaseTimeouts.DEFAULT.connection().toMillis())),
            Map.entry("lethe.db.connect-timeout-ms", Long.toString(DatabaseTimeouts.DEFAULT.connect().toMillis())),
            Map.entry("lethe.db.socket-timeout-ms", Long.toString(DatabaseTimeouts.DEFAULT.socket().toMillis())),
            Map.entry("lethe.db.query-timeout-ms", Long.toString(DatabaseTimeouts.DEFAULT.query().toMillis())),
            Map.entry("lethe.admin.key", ""),
            Map.entry("lethe.ml.engine", "MXNet"),
            Map.entry("lethe.http.worker-pool-size", "16"),
            Map.entry("lethe.jobs.lease-seconds", String.valueOf(TrainingWorker.Settings.DEFAULTS.lease().toSeconds())),
            Map.entry("lethe.jobs.poll-seconds", String.valueOf(TrainingWorker.Settings.DEFAULTS.poll().toSeconds())),
            Map.entry("lethe.jobs.max-attempts", String.valueOf(TrainingWorker.Settings.DEFAULTS.maxAttempts())),
            Map.entry("lethe.jobs.shutdown-grace-seconds", String.valueOf(TrainingWorker.Settings.DEFAULTS.shutdownGrace().toSeconds())));

    /** The model engines {@code lethe.ml.engine} may name: the DJL backends of the LSTM, or the pure-Java sequence kNN. */
    public static final java.util.List<String> ML_ENGINES = java.util.List.of("MXNet", "PyTorch", "knn");

    public LetheConfig {
        if (httpPort < 0 || httpPort > 65_535) {
            throw new IllegalArgumentException("lethe.http.port must be between 0 and 65535, got: " + httpPort);
        }
        if (dbPoolSize < 1 || dbPoolSize > 256) {
            throw new IllegalArgumentException("lethe.db.pool-size must be between 1 and 256, got: " + dbPoolSize);
        }
        if (workerPoolSize < 1 || workerPoolSize > 1024) {
            throw new IllegalArgumentException("lethe.http.worker-pool-size must be between 1 and 1024, got: " + workerPoolSize);
        }
        Objects.requireNonNull(dbTimeouts, "dbTimeouts");
        java.util.Objects.requireNonNull(trainingJobs, "trainingJobs");
        if (!ML_ENGINES.contains(mlEngine)) {
            throw new IllegalArgumentException("lethe.ml.engine must be MXNet, PyTorch (DJL) or knn (pure Java), got: " + mlEngine);
        }
    }

    /** The JDBC URL in force: the configured one, else the embedded database under the data directory. */
    public String effectiveJdbcUrl() {
        return jdbcUrl.orElseGet(() -> "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("lethe")
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE");
    }

    /** The DJL backend in force: the configured one, or MXNet when the engine is not a DJL one (the evaluator still offers the LSTM). */
    public String djlEngine() {
        return mlEngine.equals("knn") ? "MXNet" : mlEngine;
    }

    /** Where trained model artifacts are stored. */
    public Path artifactDir() {
        return dataDir.resolve("models");
    }

    /** Loads defaults, then {@code file} when present, then the environment. */
    public static LetheConfig load(Optional<Path> file, Map<String, String> environment) {
        Properties properties = new Properties();
        DEFAULTS.forEach(properties::setProperty);
        if (file.isPresent()) {
            try (InputStream in = Files.newInputStream(file.get())) {
                Properties fromFile = new Properties();
                fromFile.load(in);
                for (String key : fromFile.stringPropertyNames()) {
                    if (!DEFAULTS.containsKey(key)) {
                        throw new IllegalArgumentException("unknown configuration key in " + file.get() + ": " + key);
                    }
                    properties.setProperty(key, fromFile.getProperty(key).trim());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read configuration file " + file.get(), e);
            }
        }
        for (String key : DEFAULTS.keySet()) {
            String value = environment.get(environmentName(key));
            if (value != null) {
                properties.setProperty(key, value.trim());
            }
        }
        return fromProperties(properties);
    }

    /** The environment variable that overrides {@code key}. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The same configuration with a different port. */
    public LetheConfig withHttpPort(int port) {
        return new LetheConfig(httpHost, port, dataDir, jdbcUrl, dbUser, dbPassword, dbPoolSize, adminKey, mlEngine, workerPoolSize, dbTimeouts, trainingJobs);
    }

    /** The same configuration with a different data directory. */
    public LetheConfig withDataDir(Path dir) {
        return new LetheConfig(httpHost, httpPort, dir, jdbcUrl, dbUser, dbPassword, dbPoolSize, adminKey, mlEngine, workerPoolSize, dbTimeouts, trainingJobs);
    }

    /** The same configuration with a different JDBC URL. */
    public LetheConfig withJdbcUrl(String url) {
        return new LetheConfig(httpHost, httpPort, dataDir, Optional.of(url), dbUser, dbPassword, dbPoolSize, adminKey, mlEngine, workerPoolSize, dbTimeouts, trainingJobs);
    }

    /** The same configuration with different training-job lease settings. */
    public LetheConfig withTrainingJobs(TrainingWorker.Settings settings) {
        return new LetheConfig(httpHost, httpPort, dataDir, jdbcUrl, dbUser, dbPassword, dbPoolSize, adminKey, mlEngine, workerPoolSize, dbTimeouts, settings);
    }

    /** The same configuration with a different admin key. */
    public LetheConfig withAdminKey(String key) {
        return new LetheConfig(httpHost, httpPort, dataDir, jdbcUrl, dbUser, dbPassword, dbPoolSize, key, mlEngine, workerPoolSize, dbTimeouts, trainingJobs);
    }

    private static LetheConfig fromProperties(Properties p) {
        String url = p.getProperty("lethe.db.url");
        return new LetheConfig(
                p.getProperty("lethe.http.host"),
                integer(p, "lethe.http.port"),
                Path.of(p.getProperty("lethe.data.dir")),
                url.isBlank() ? Optional.empty() : Optional.of(url),
                p.getProperty("lethe.db.user"),
                p.getProperty("lethe.db.password"),
                integer(p, "lethe.db.pool-size"),
                p.getProperty("lethe.admin.key"),
                p.getProperty("lethe.ml.engine"),
                integer(p, "lethe.http.worker-pool-size"),
                dbTimeouts(p),
                trainingJobs(p));
    }

    private static DatabaseTimeouts dbTimeouts(Properties p) {
        try {
            return new DatabaseTimeouts(millis(p, "lethe.db.connection-timeout-ms"), millis(p, "lethe.db.connect-timeout-ms"),
                    millis(p, "lethe.db.socket-timeout-ms"), millis(p, "lethe.db.query-timeout-ms"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("lethe.db.*-timeout-ms: " + e.getMessage(), e);
        }
    }

    private static Duration millis(Properties p, String key) {
        String value = p.getProperty(key);
        try {
            return Duration.ofMillis(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer of milliseconds, got: " + value, e);
        }
    }

    private static TrainingWorker.Settings trainingJobs(Properties p) {
        return new TrainingWorker.Settings(Duration.ofSeconds(atLeast(p, "lethe.jobs.lease-seconds", 3)),
                Duration.ofSeconds(atLeast(p, "lethe.jobs.poll-seconds", 1)), atLeast(p, "lethe.jobs.max-attempts", 1),
                Duration.ofSeconds(atLeast(p, "lethe.jobs.shutdown-grace-seconds", 0)));
    }

    private static int atLeast(Properties p, String key, int min) {
        int value = integer(p, key);
        if (value < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", got: " + value);
        }
        return value;
    }

    private static int integer(Properties p, String key) {
        String value = p.getProperty(key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got: " + value, e);
        }
    }
}
