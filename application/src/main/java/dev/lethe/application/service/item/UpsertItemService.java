package dev.lethe.application.service.item;

import dev.lethe.application.port.in.UpsertItemCommand;
import dev.lethe.application.port.in.UpsertItemUseCase;
import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Stores item metadata and tells the serving cache that the catalogue changed. An item stored without a
 * creation time keeps the one it has, or gets the moment it is first stored: what makes it a new arrival.
 */
public final class UpsertItemService implements UpsertItemUseCase {
    private final ItemRepository items;
    private final BiConsumer<TenantId, Item> onCatalogueChanged;
    private final Clock clock;

    /** @param onCatalogueChanged told of every stored item (the serving state updates its category index) */
    public UpsertItemService(ItemRepository items, BiConsumer<TenantId, Item> onCatalogueChanged, Clock clock) {
        this.items = Objects.requireNonNull(items, "items");
        this.onCatalogueChanged = Objects.requireNonNull(onCatalogueChanged, "onCatalogueChanged");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Stores the item; a {@code createdAt} after now is refused (an item cannot have entered the catalogue later than this). */
    @Override
    public Item upsert(UpsertItemCommand command) {
        Item item = command.item();
        Instant now = clock.instant();
        if (item.createdAt().isPresent() && item.createdAt().get().isAfter(now)) {
            throw new IllegalArgumentException("createdAt must not be in the future, got: " + item.createdAt().get());
        }
        if (item.createdAt().isEmpty()) {
            Instant created = items.find(command.tenantId(), item.id()).flatMap(Item::createdAt).orElse(now);
            item = item.withCreatedAt(created);
        }
        items.upsert(command.tenantId(), item);
        onCatalogueChanged.accept(command.tenantId(), item);
        return item;
    }
}
