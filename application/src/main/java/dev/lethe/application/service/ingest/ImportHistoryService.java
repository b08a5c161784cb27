package dev.lethe.application.service.ingest;

import dev.lethe.application.port.in.ImportHistoryUseCase;
import dev.lethe.application.port.in.IngestBehaviorsCommand;
import dev.lethe.application.port.in.IngestBehaviorsUseCase;
import dev.lethe.application.port.in.IngestionOutcome;
import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.tenant.Tenant;
import dev.lethe.domain.tenant.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Bulk import through the live ingestion path (policy, idempotent append), plus items compared with the
 * stored ones first, so that a re-run writes nothing and costs one read per page of items.
 */
public final class ImportHistoryService implements ImportHistoryUseCase {
    /** Items looked up per read. */
    static final int PAGE = 500;

    private final TenantRepository tenants;
    private final IngestBehaviorsUseCase ingest;
    private final ItemRepository items;
    private final Consumer<TenantId> onCatalogueChanged;

    public ImportHistoryService(TenantRepository tenants, IngestBehaviorsUseCase ingest, ItemRepository items,
            Consumer<TenantId> onCatalogueChanged) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.ingest = Objects.requireNonNull(ingest, "ingest");
        this.items = Objects.requireNonNull(items, "items");
        this.onCatalogueChanged = Objects.requireNonNull(onCatalogueChanged, "onCatalogueChanged");
    }

    @Override
    public Optional<Tenant> tenant(TenantId tenantId) {
        return tenants.find(Objects.requireNonNull(tenantId, "tenantId"));
    }

    @Override
    public List<IngestionOutcome> importBehaviors(IngestBehaviorsCommand command) {
        return ingest.ingest(command);
    }

    @Override
    public ItemsImported importItems(TenantId tenantId, List<Item> catalogue) {
        Objects.requireNonNull(tenantId, "tenantId");
        int upserted = 0;
        for (int from = 0; from < catalogue.size(); from += PAGE) {
            List<Item> page = catalogue.subList(from, Math.min(catalogue.size(), from + PAGE));
            Map<ItemId, Item> stored = items.findAll(tenantId, page.stream().map(Item::id).toList());
            for (Item item : page) {
                Item before = stored.get(item.id());
                // An item without a creation time keeps the stored one: that alone is no change.
                if (!item.orCreatedAt(Optional.ofNullable(before).flatMap(Item::createdAt)).equals(before)) {
                    items.upsert(tenantId, item);
                    upserted++;
                }
            }
        }
        if (upserted > 0) {
            onCatalogueChanged.accept(tenantId);
        }
        return new ItemsImported(upserted, catalogue.size() - upserted);
    }
}
