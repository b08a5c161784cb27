package dev.lethe.application.port.out;

import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.training.TrainingJob;
import java.util.List;
import java.util.Optional;

/** Training jobs and their progress. Blocks; throws {@link PersistenceException}. */
public interface TrainingJobRepository {

    /** Inserts a new job or replaces the stored state of an existing one (same tenant and id). */
    void save(TrainingJob job);

    /** One job of the tenant. */
    Optional<TrainingJob> find(TenantId tenantId, String jobId);

    /** The tenant's jobs, newest first, at most {@code limit}. */
    List<TrainingJob> list(TenantId tenantId, int limit);
}
