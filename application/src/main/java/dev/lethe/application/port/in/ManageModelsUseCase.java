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

    /**
     * Makes {@code version} the served one; empty when the tenant has no such version. Throws
     * {@link UnservableVersionException}, changing nothing, when this process cannot serve the version
     * (it was trained by a model engine this process does not run).
     */
    Optional<ModelVersion> activate(TenantId tenantId, int version);

    /** The version exists but cannot be served here; the message says why and what to do. */
    final class UnservableVersionException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int version;

        public UnservableVersionException(int version, String message) {
            super(message);
            this.version = version;
        }

        /** The refused version number. */
        public int version() {
            return version;
        }
    }
}
