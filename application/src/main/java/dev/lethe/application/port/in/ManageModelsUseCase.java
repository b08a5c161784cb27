package dev.lethe.application.port.in;

import dev.lethe.domain.registry.ModelVersion;
import dev.lethe.domain.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/** Lists a tenant's registered model versions and switches the active one (rollback included). Blocks. */
public interface ManageModelsUseCase {

    /** Every version, newest first. */
    List<ModelVersion> list(TenantId tenantId);

    /** The active version. */
    Optional<ModelVersion> active(TenantId tenantId);

    /** Makes {@code version} the served one; empty when the tenant has no such version. */
    Optional<ModelVersion> activate(TenantId tenantId, int version);
}
