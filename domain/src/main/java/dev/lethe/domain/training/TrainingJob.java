package dev.lethe.domain.training;

import dev.lethe.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An asynchronous request to train a model for a tenant, with its progress and outcome, and the lease of
 * the process running it.
 *
 * @param activation what happens to the version once registered
 * @param progress share done, in [0, 1]
 * @param message the latest human-readable status ("epoch 3/20, loss 6.1")
 * @param modelVersion the registered version once it succeeded
 * @param error why it failed
 * @param attempts how many times a process claimed it (a job released at shutdown gives its attempt back)
 * @param lease the claim of the process running it; empty while queued and once finished
 * @param tuning the settings search to run before training, when asked for
 */
public record TrainingJob(
        String id,
        TenantId tenantId,
        String family,
        Activation activation,
        TrainingStatus status,
        double progress,
        String message,
        Map<String, Double> metrics,
        Optional<Integer> modelVersion,
        Optional<String> error,
        int attempts,
        Optional<JobLease> lease,
        Instant createdAt,
        Instant updatedAt,
        Optional<Tuning> tuning) {
    public TrainingJob {
        Objects.requireNonNull(tuning, "tuning");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (!(progress >= 0 && progress <= 1)) {
            throw new IllegalArgumentException("progress must be in [0, 1], got: " + progress);
        }
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative, got: " + attempts);
        }
        metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
    }

    /** A job without a settings search. */
    public TrainingJob(String id, TenantId tenantId, String family, Activation activation, TrainingStatus status, double progress,
                       String message, Map<String, Double> metrics, Optional<Integer> modelVersion, Optional<String> error, int attempts,
                       Optional<JobLease> lease, Instant createdAt, Instant updatedAt) {
        this(id, tenantId, family, activation, status, progress, message, metrics, modelVersion, error, attempts, lease, createdAt,
                updatedAt, Optional.empty());
    }

    /** A new queued job. */
    public static TrainingJob queued(String id, TenantId tenantId, String family, Activation activation, Instant now) {
        return queued(id, tenantId, family, activation, Optional.empty(), now);
    }

    /** A new queued job that searches the family's settings first when {@code tuning} is present. */
    public static TrainingJob queued(String id, TenantId tenantId, String family, Activation activation, Optional<Tuning> tuning, Instant now) {
        return new TrainingJob(id, tenantId, family, activation, TrainingStatus.QUEUED, 0, "queued", Map.of(), Optional.empty(),
                Optional.empty(), 0, Optional.empty(), now, now, tuning);
    }

    /** True when a process may claim it now: queued, or running under a lease its owner stopped renewing. */
    public boolean claimableAt(Instant now) {
        return status == TrainingStatus.QUEUED
                || (status == TrainingStatus.RUNNING && lease.map(l -> l.expiredAt(now)).orElse(true));
    }

    /** This job claimed by {@code owner} until {@code leaseExpiresAt}: one more attempt, running from the start. */
    public TrainingJob claimed(String owner, Instant leaseExpiresAt, Instant now) {
        String why = status == TrainingStatus.RUNNING ? "restarted: " + abandonedReason() : "claimed";
        return new TrainingJob(id, tenantId, family, activation, TrainingStatus.RUNNING, 0, why + " (attempt " + (attempts + 1) + ")",
                Map.of(), Optional.empty(), Optional.empty(), attempts + 1, Optional.of(new JobLease(owner, leaseExpiresAt)), createdAt, now, tuning);
    }

    /** This running job given up because the process running it stopped and no attempts are left. */
    public TrainingJob abandoned(int maxAttempts, Instant now) {
        return failed(abandonedReason() + "; gave up after " + attempts + " of " + maxAttempts + " attempts", now);
    }

    /** This job put back in the queue by its owner (shutting down): the attempt it used is given back. */
    public TrainingJob released(Instant now) {
        String by = lease.map(JobLease::owner).orElse("its owner");
        return new TrainingJob(id, tenantId, family, activation, TrainingStatus.QUEUED, 0, "queued again: " + by + " shut down before it finished",
                Map.of(), Optional.empty(), Optional.empty(), Math.max(0, attempts - 1), Optional.empty(), createdAt, now, tuning);
    }

    /** This job running at {@code progress} with {@code message}. */
    public TrainingJob running(double progress, String message, Instant now) {
        return new TrainingJob(id, tenantId, family, activation, TrainingStatus.RUNNING, Math.max(0, Math.min(1, progress)), message, metrics,
                modelVersion, error, attempts, lease, createdAt, now, tuning);
    }

    /** This job's lease renewed until {@code leaseExpiresAt}. */
    public TrainingJob renewed(Instant leaseExpiresAt) {
        JobLease held = lease.orElseThrow(() -> new IllegalStateException("job " + id + " holds no lease"));
        return new TrainingJob(id, tenantId, family, activation, status, progress, message, metrics, modelVersion, error, attempts,
                Optional.of(new JobLease(held.owner(), leaseExpiresAt)), createdAt, updatedAt, tuning);
    }

    /** This job finished successfully with the registered version and its metrics. */
    public TrainingJob succeeded(int version, Map<String, Double> finalMetrics, Instant now) {
        return new TrainingJob(id, tenantId, family, activation, TrainingStatus.SUCCEEDED, 1, "done", finalMetrics, Optional.of(version),
                Optional.empty(), attempts, Optional.empty(), createdAt, now, tuning);
    }

    /** This job failed for {@code reason}. */
    public TrainingJob failed(String reason, Instant now) {
        return new TrainingJob(id, tenantId, family, activation, TrainingStatus.FAILED, progress, "failed", metrics, Optional.empty(),
                Optional.of(reason), attempts, Optional.empty(), createdAt, now, tuning);
    }

    private String abandonedReason() {
        return lease.map(l -> "the process running it (" + l.owner() + ") stopped: lease expired at " + l.expiresAt())
                .orElse("the process running it stopped before leases were recorded");
    }
}
