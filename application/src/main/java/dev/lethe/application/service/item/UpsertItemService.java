package dev.lethe.application.service.item;

import dev.lethe.application.port.in.UpsertItemCommand;
import dev.lethe.application.port.in.UpsertItemUseCase;
import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.tenant.TenantId;
import java.util.function.BiConsumer;

/** Stores item metadata and tells the serving cache that the catalogue changed. */
public final class UpsertItemService implements UpsertItemUseCase {
    private final ItemRepository items;
    private final BiConsumer<TenantId, Item> onCatalogueChanged;

    /** @param onCatalogueChanged told of every stored item (the serving state updates its category index) */
    public UpsertItemService(ItemRepository items, BiConsumer<TenantId, Item> onCatalogueChanged) {
        this.items = items;
        this.onCatalogueChanged = onCatalogueChanged;
    }

    @Override
    public Item upsert(UpsertItemCommand command) {
        items.upsert(command.tenantId(), command.item());
        onCatalogueChanged.accept(command.tenantId(), command.item());
        return command.item();
    }
}
