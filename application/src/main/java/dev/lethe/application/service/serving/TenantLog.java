package dev.lethe.application.service.serving;

import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's whole event log in time order, with the catalogue (every item seen in the log or known
 * to the item store), each item's categories and the items that carry text: what training builds models from.
 */
public record TenantLog(List<Behavior> events, Catalogue catalogue, Map<ItemId, Set<String>> categories, Map<ItemId, Item> texts) {
    public TenantLog {
        events = List.copyOf(events);
        categories = Map.copyOf(categories);
        texts = Map.copyOf(texts);
    }

    /** A log whose items carry no text beyond their categories. */
    public TenantLog(List<Behavior> events, Catalogue catalogue, Map<ItemId, Set<String>> categories) {
        this(events, catalogue, categories, Map.of());
    }

    /**
     * Streams the item store of {@code tenantId} and its behaviours at or after {@code since} stored with a
     * sequence number up to {@code upToSequence}; blocks on both.
     */
    public static TenantLog read(BehaviorRepository behaviors, ItemRepository items, TenantId tenantId, Instant since, long upToSequence) {
        List<Behavior> log = new ArrayList<>();
        Set<ItemId> ids = new HashSet<>();
        behaviors.forEachInTimeOrder(tenantId, since, upToSequence, b -> {
            log.add(b);
            ids.add(b.itemId());
        });
        Map<ItemId, Set<String>> categories = new HashMap<>();
        Map<ItemId, Item> texts = new HashMap<>();
        items.forEach(tenantId, item -> {
            ids.add(item.id());
            if (!item.categories().isEmpty()) {
                categories.put(item.id(), item.categories());
            }
            if (!item.attributes().isEmpty()) {
                texts.put(item.id(), item);
            }
        });
        return new TenantLog(log, Catalogue.of(ids), categories, texts);
    }

    /** The item with its text (attributes and categories), as far as the store knows it. */
    public Optional<Item> itemOf(ItemId id) {
        Item withText = texts.get(id);
        if (withText != null) {
            return Optional.of(withText);
        }
        Set<String> cats = categories.get(id);
        return cats == null ? Optional.empty() : Optional.of(new Item(id, cats, Map.of()));
    }

    /** The categories of {@code item}; empty when it has none or is unknown. */
    public Set<String> categoriesOf(ItemId item) {
        return categories.getOrDefault(item, Set.of());
    }
}
