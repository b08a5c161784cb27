package dev.lethe.application.port.in;

import dev.lethe.domain.item.Item;

/** Stores catalogue metadata (categories, attributes) of an item. Blocks on the store. */
public interface UpsertItemUseCase {

    /** Stores the item and returns it as stored. */
    Item upsert(UpsertItemCommand command);
}
