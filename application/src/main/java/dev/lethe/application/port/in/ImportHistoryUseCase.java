package dev.lethe.application.port.in;

import dev.lethe.domain.item.Item;
import dev.lethe.domain.tenant.Tenant;
import dev.lethe.domain.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Backfills a tenant's history in bulk (the {@code lethe import} command): behaviours go through the same
 * checks and the same idempotent append as live ingestion, items are stored only when they changed, so
 * running an import again stores nothing twice. Blocks on the store; throws {@code PersistenceException}
 * when it fails, in which case nothing of that call was stored and a retry is safe.
 */
public interface ImportHistoryUseCase {

    /** The tenant, when it exists. */
    Optional<Tenant> tenant(TenantId tenantId);

    /** One outcome per behaviour, in order, exactly as {@link IngestBehaviorsUseCase#ingest}. */
    List<IngestionOutcome> importBehaviors(IngestBehaviorsCommand command);

    /** Creates or replaces each item that is new or differs from the stored one; the others are left alone. */
    ItemsImported importItems(TenantId tenantId, List<Item> items);

    /** How many items an {@link #importItems} call stored and how many were already stored as given. */
    record ItemsImported(int upserted, int unchanged) {
        public ItemsImported {
            if (upserted < 0 || unchanged < 0) {
                throw new IllegalArgumentException("counts must not be negative, got: " + upserted + ", " + unchanged);
            }
        }
    }
}
