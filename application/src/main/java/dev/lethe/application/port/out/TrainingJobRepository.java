package dev.lethe.application.port.out;

import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.training.TrainingJob;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Training jobs, their progress and the leases that let exactly one of several processes sharing the
 * store run each job. Blocks; throws {@link PersistenceException}.
 */
public interface TrainingJobRepository {

    /** Inserts a new job or replaces the stored state of an existing one (same tenant and id), lease included. */
    void save(TrainingJob job);

    /** One job of the tenant. */
    Optional<TrainingJob> find(TenantId tenantId, String jobId);

    /** The tenant's jobs, newest first, at most {@code limit}. */
    List<TrainingJob> list(TenantId tenantId, int limit);

    /**
     * Claims the oldest job of any tenant that is {@linkplain TrainingJob#claimableAt claimable} at {@code now}
     * for {@code owner} until {@code leaseExpiresAt} ({@link TrainingJob#claimed}), atomically: of several
     * processes claiming at once, each job goes to one. A lease-expired job that has used {@code maxAttempts}
     * is stored {@link TrainingJob#abandoned} instead and the next one is tried. Empty when none is left.
     */
    Optional<TrainingJob> claimNext(String owner, Instant now, Instant leaseExpiresAt, int maxAttempts);

    /**
     * Stores the new state of a running job (progress, renewed lease, outcome, release) only while
     * {@code owner} still holds its lease; false, and nothing written, when another process has claimed
     * the job since or it is no longer running.
     */
    boolean saveIfLeased(TrainingJob job, String owner);
}
