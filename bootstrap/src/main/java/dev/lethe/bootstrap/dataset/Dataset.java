package dev.lethe.bootstrap.dataset;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.item.Item;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A dataset read from files: behaviours in file order and, where the files have them, items with categories. */
public record Dataset(String name, List<Behavior> events, Map<ItemId, Item> items) {
    public Dataset {
        Objects.requireNonNull(name, "name");
        events = List.copyOf(events);
        items = Map.copyOf(items);
    }
}
