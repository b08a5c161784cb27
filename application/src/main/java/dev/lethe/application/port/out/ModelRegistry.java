package dev.lethe.application.port.out;

import dev.lethe.domain.registry.ModelVersion;
import dev.lethe.domain.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Registered model versions per tenant; the store enforces that at most one is active per tenant.
 * Blocks; throws {@link PersistenceException}.
 */
public interface ModelRegistry {

    /** The next free version number of the tenant (1 for the first). */
    int nextVersion(TenantId tenantId);

    /** Stores a new version (inactive unless {@code version.active()}, which deactivates the others atomically). */
    void register(ModelVersion version);

    /** All versions of the tenant, newest first. */
    List<ModelVersion> list(TenantId tenantId);

    /** One version. */
    Optional<ModelVersion> find(TenantId tenantId, int version);

    /** The active version, if any. */
    Optional<ModelVersion> active(TenantId tenantId);

    /** Makes {@code version} the only active one, atomically; false when no such version exists. */
    boolean activate(TenantId tenantId, int version);
}
