package dev.lethe.domain.item;

import dev.lethe.domain.behavior.ItemId;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** A catalogue entry with the categories that interests are aggregated by and free-form attributes. */
public record Item(ItemId id, Set<String> categories, Map<String, String> attributes) {
    public static final int MAX_CATEGORIES = 64;
    public static final int MAX_ATTRIBUTES = 64;

    public Item {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(categories, "categories");
        Objects.requireNonNull(attributes, "attributes");
        if (categories.size() > MAX_CATEGORIES) {
            throw new IllegalArgumentException("categories must have at most " + MAX_CATEGORIES + " entries, got " + categories.size());
        }
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw new IllegalArgumentException("attributes must have at most " + MAX_ATTRIBUTES + " entries, got " + attributes.size());
        }
        for (String category : categories) {
            if (category == null || category.isBlank() || category.length() > 100) {
                throw new IllegalArgumentException("categories entries must be 1-100 characters, got: " + category);
            }
        }
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank() || e.getKey().length() > 100) {
                throw new IllegalArgumentException("attributes keys must be 1-100 characters, got: " + e.getKey());
            }
            if (e.getValue() == null || e.getValue().length() > 1000) {
                throw new IllegalArgumentException("attributes." + e.getKey() + " must be a string of at most 1000 characters");
            }
        }
        categories = java.util.Collections.unmodifiableSet(new TreeSet<>(categories));
        attributes = java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    /** An item known only by its id. */
    public static Item bare(ItemId id) {
        return new Item(id, Set.of(), Map.of());
    }
}
