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
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A tenant's event log (or a window of it) in time order, with the catalogue (every item seen in the log
 * or known to the item store), each item's categories and the items that carry text: what training
 * builds models from.
 *
 * @param unseen sequence numbers up to the read's upper bound that the read did not see (see
 *     {@link BehaviorRepository#forEachInTimeOrder(TenantId, Instant, long, java.util.function.Consumer)}):
 *     whoever continues after the bound reads them too
 */
public record TenantLog(List<Behavior> events, Catalogue catalogue, Map<ItemId, Set<String>> categories, Map<ItemId, Item> texts,
                        SortedSet<Long> unseen) {
    public TenantLog {
        events = List.copyOf(events);
        categories = Map.copyOf(categories);
        texts = Map.copyOf(texts);
        unseen = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(unseen));
    }

    /** A log read in full. */
    public TenantLog(List<Behavior> events, Catalogue catalogue, Map<ItemId, Set<String>> categories, Map<ItemId, Item> texts) {
        this(events, catalogue, categories, texts, new TreeSet<>());
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
        SortedSet<Long> unseen = behaviors.forEachInTimeOrder(tenantId, since, upToSequence, b -> {
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
            if (!item.attributes().isEmpty() || item.createdAt().isPresent()) {
                texts.put(item.id(), item);
            }
        });
        return new TenantLog(log, Catalogue.of(ids), categories, texts, unseen);
    }

    /** The item with its text (attributes and categories) and creation time, as far as the store knows it. */
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
