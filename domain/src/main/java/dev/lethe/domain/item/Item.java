package dev.lethe.domain.item;

import dev.lethe.domain.Texts;
import dev.lethe.domain.behavior.ItemId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A catalogue entry with the categories that interests are aggregated by, free-form attributes, and
 * when it entered the catalogue ({@code createdAt}; empty when unknown, e.g. for items stored before
 * Lethe kept it): what tells a new arrival from an old item nobody has touched yet.
 */
public record Item(ItemId id, Set<String> categories, Map<String, String> attributes, Optional<Instant> createdAt) {
    public static final int MAX_CATEGORIES = 64;
    public static final int MAX_ATTRIBUTES = 64;
    /** Longest category or attribute name, in code points. */
    public static final int MAX_NAME_LENGTH = 100;
    /** Longest attribute value, in code points. */
    public static final int MAX_VALUE_LENGTH = 1000;

    public Item {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(categories, "categories");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(createdAt, "createdAt");
        // Stores keep moments to the microsecond.
        createdAt = createdAt.map(t -> t.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        if (categories.size() > MAX_CATEGORIES) {
            throw new IllegalArgumentException("categories must have at most " + MAX_CATEGORIES + " entries, got " + categories.size());
        }
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw new IllegalArgumentException("attributes must have at most " + MAX_ATTRIBUTES + " entries, got " + attributes.size());
        }
        for (String category : categories) {
            requireCategory("categories entries", category);
        }
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            requireAttributeName("attributes keys", e.getKey());
            Texts.require("attributes." + e.getKey(), e.getValue(), MAX_VALUE_LENGTH);
        }
        categories = java.util.Collections.unmodifiableSet(new TreeSet<>(categories));
        attributes = java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    /** An item whose creation time is not known. */
    public Item(ItemId id, Set<String> categories, Map<String, String> attributes) {
        this(id, categories, attributes, Optional.empty());
    }

    /**
     * This item, with {@code fallback} as its creation time when it has none: how a write without one
     * keeps the creation time already stored.
     */
    public Item orCreatedAt(Optional<Instant> fallback) {
        return createdAt.isEmpty() && fallback.isPresent() ? withCreatedAt(fallback.get()) : this;
    }

    /** This item with {@code createdAt} as its creation time. */
    public Item withCreatedAt(Instant when) {
        return new Item(id, categories, attributes, Optional.of(when));
    }

    /**
     * Checks a category: 1-100 code points of well-formed Unicode, no leading or trailing white space
     * (the store pads, so {@code "pad"} and {@code "pad "} would be one key); throws naming {@code what}.
     */
    public static String requireCategory(String what, String category) {
        return Texts.requireName(what, category, MAX_NAME_LENGTH);
    }

    /** Checks an attribute name by the rules of {@link #requireCategory}. */
    public static String requireAttributeName(String what, String name) {
        return Texts.requireName(what, name, MAX_NAME_LENGTH);
    }

    /** An item known only by its id. */
    public static Item bare(ItemId id) {
        return new Item(id, Set.of(), Map.of());
    }
}
