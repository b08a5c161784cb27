package dev.lethe.adapter.http;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the HTTP API listens and limits requests.
 *
 * @param port 0 picks a free port (tests)
 * @param adminKey the operator's key for {@code POST /v1/tenants}; at least 20 characters
 * @param bodyLimitBytes larger request bodies are refused with 413
 * @param workerPoolSize threads of the {@code lethe-worker} pool that runs the use cases
 * @param artifactDirectory where trained model versions are written (read by bootstrap for the training service)
 */
public record HttpServerConfig(String host, int port, String adminKey, long bodyLimitBytes, int workerPoolSize, Path artifactDirectory) {
    public static final long DEFAULT_BODY_LIMIT = 16L * 1024 * 1024;
    public static final int DEFAULT_WORKER_POOL_SIZE = 32;

    public HttpServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got: " + port);
        }
        if (adminKey == null || adminKey.length() < 20) {
            throw new IllegalArgumentException("adminKey must be at least 20 characters");
        }
        if (bodyLimitBytes < 1024) {
            throw new IllegalArgumentException("bodyLimitBytes must be at least 1024, got: " + bodyLimitBytes);
        }
        if (workerPoolSize < 1) {
            throw new IllegalArgumentException("workerPoolSize must be positive, got: " + workerPoolSize);
        }
        Objects.requireNonNull(artifactDirectory, "artifactDirectory");
    }

    /** Defaults for everything but where to listen and the admin key. */
    public static HttpServerConfig of(String host, int port, String adminKey, Path artifactDirectory) {
        return new HttpServerConfig(host, port, adminKey, DEFAULT_BODY_LIMIT, DEFAULT_WORKER_POOL_SIZE, artifactDirectory);
    }

    @Override
    public String toString() {
        return "HttpServerConfig[host=" + host + ", port=" + port + ", adminKey=***, bodyLimitBytes=" + bodyLimitBytes
                + ", workerPoolSize=" + workerPoolSize + ", artifactDirectory=" + artifactDirectory + "]";
    }
}
