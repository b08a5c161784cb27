package dev.lethe.application.port.in;

import dev.lethe.domain.tenant.TenantId;

/**
 * Deletes a tenant and erases everything stored for it: behaviours, items, forgetting curves, model
 * versions and their artifact files, training jobs, API keys. Blocks on the store and the file system;
 * throws {@code PersistenceException} or {@link java.io.UncheckedIOException}; a failed deletion may be repeated.
 */
public interface DeleteTenantUseCase {

    /** True when the tenant existed and is now gone. */
    boolean delete(TenantId tenantId);
}
