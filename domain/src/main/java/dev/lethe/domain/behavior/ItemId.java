package dev.lethe.domain.behavior;

import dev.lethe.domain.Ids;

/** A recommendable thing (product, video, instrument), unique within a tenant. */
public record ItemId(String value) implements Comparable<ItemId> {
    public ItemId {
        Ids.require("itemId", value);
    }

    @Override
    public int compareTo(ItemId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
