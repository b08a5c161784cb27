package dev.lethe.domain.training;

import dev.lethe.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An asynchronous request to train a model for a tenant, with its progress and outcome.
 *
 * @param progress share done, in [0, 1]
 * @param message the latest human-readable status ("epoch 3/20, loss 6.1")
 * @param modelVersion the registered version once it succeeded
 * @param error why it failed
 */
public record TrainingJob(
        String id,
        TenantId tenantId,
        String family,
        TrainingStatus status,
        double progress,
        String message,
        Map<String, Double> metrics,
        Optional<Integer> modelVersion,
        Optional<String> error,
        Instant createdAt,
        Instant updatedAt) {
    public TrainingJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (!(progress >= 0 && progress <= 1)) {
            throw new IllegalArgumentException("progress must be in [0, 1], got: " + progress);
        }
        metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
    }

    /** A new queued job. */
    public static TrainingJob queued(String id, TenantId tenantId, String family, Instant now) {
        return new TrainingJob(id, tenantId, family, TrainingStatus.QUEUED, 0, "queued", Map.of(), Optional.empty(), Optional.empty(), now, now);
    }

    /** This job running at {@code progress} with {@code message}. */
    public TrainingJob running(double progress, String message, Instant now) {
        return new TrainingJob(id, tenantId, family, TrainingStatus.RUNNING, Math.max(0, Math.min(1, progress)), message, metrics, modelVersion, error, createdAt, now);
    }

    /** This job finished successfully with the registered version and its metrics. */
    public TrainingJob succeeded(int version, Map<String, Double> finalMetrics, Instant now) {
        return new TrainingJob(id, tenantId, family, TrainingStatus.SUCCEEDED, 1, "done", finalMetrics, Optional.of(version), Optional.empty(), createdAt, now);
    }

    /** This job failed for {@code reason}. */
    public TrainingJob failed(String reason, Instant now) {
        return new TrainingJob(id, tenantId, family, TrainingStatus.FAILED, progress, "failed", metrics, Optional.empty(), Optional.of(reason), createdAt, now);
    }
}
