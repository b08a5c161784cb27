package dev.lethe.domain.interest;

import dev.lethe.domain.behavior.ItemId;
import java.util.List;
import java.util.Objects;

/**
 * The past interests behind a recommended item, each with its original and current strength.
 *
 * @param items the user's item interests that co-occurred with the item, largest contribution first
 * @param categories the user's interests in the item's categories, strongest now first
 */
public record Explanation(ItemId item, List<Interest<ItemId>> items, List<Interest<String>> categories) {
    public Explanation {
        Objects.requireNonNull(item, "item");
        items = List.copyOf(items);
        categories = List.copyOf(categories);
    }
}
