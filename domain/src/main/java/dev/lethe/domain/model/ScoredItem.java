package dev.lethe.domain.model;

import dev.lethe.domain.behavior.ItemId;
import java.util.Objects;

/** An item with the score it was ranked by. */
public record ScoredItem(ItemId itemId, double score) {
    public ScoredItem {
        Objects.requireNonNull(itemId, "itemId");
    }
}
