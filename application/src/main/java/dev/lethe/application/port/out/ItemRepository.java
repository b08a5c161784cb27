package dev.lethe.application.port.out;

import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** The tenant's catalogue metadata (categories, attributes, creation time). Blocks; throws {@link PersistenceException}. */
public interface ItemRepository {

    /**
     * Creates or replaces the item; an item without a creation time keeps the one stored (creation times
     * are kept to the microsecond).
     */
    void upsert(TenantId tenantId, Item item);

    /** The item, when known. */
    Optional<Item> find(TenantId tenantId, ItemId itemId);

    /** The known items among {@code ids}. */
    Map<ItemId, Item> findAll(TenantId tenantId, Collection<ItemId> ids);

    /** Streams every item of the tenant. */
    void forEach(TenantId tenantId, Consumer<Item> sink);

    /**
     * Streams the items of every tenant written at or after {@code since} (by the writer's clock: callers
     * on other machines ask with a margin for clock skew), for the serving feed's category index.
     */
    void forEachChangedSince(Instant since, BiConsumer<TenantId, Item> sink);
}
