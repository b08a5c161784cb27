package dev.lethe.application.port.in;

import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.training.TrainingJob;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Trains models asynchronously: {@link #start} records a queued job and returns at once; a training
 * worker (of this process, or of another one sharing the job store) claims and runs it exactly once.
 * Blocks only on the job store.
 */
public interface TrainModelUseCase {

    /** The families that can be trained. */
    Set<String> families();

    /** Queues a job; throws {@link IllegalArgumentException} naming {@code family} when it is unknown. */
    TrainingJob start(TrainModelCommand command);

    /** One job of the tenant. */
    Optional<TrainingJob> job(TenantId tenantId, String jobId);

    /** The tenant's latest jobs, newest first. */
    List<TrainingJob> jobs(TenantId tenantId, int limit);
}
