package dev.lethe.domain.synthetic;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.item.Item;
import java.util.List;

/** A generated tenant: its catalogue, its behaviour log in time order, and the truth behind it. */
public record SyntheticTenant(List<Item> items, List<Behavior> behaviors, GroundTruth truth) {
    public SyntheticTenant {
        items = List.copyOf(items);
        behaviors = List.copyOf(behaviors);
    }
}
