package dev.lethe.domain.model;

import dev.lethe.domain.behavior.ItemId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * The items a model ranks, each with a dense index. Indices follow the item-id order used to break
 * ties (numeric when every id is a number, else lexicographic), so "lower index wins a tie" is
 * "lower item id wins a tie".
 */
public final class Catalogue {
    /** Numeric ids compare as numbers; anything else compares as text, after all numbers. */
    public static final Comparator<ItemId> ID_ORDER = (a, b) -> {
        boolean an = isNumber(a.value());
        boolean bn = isNumber(b.value());
        if (an && bn) {
            int c = new java.math.BigInteger(a.value()).compareTo(new java.math.BigInteger(b.value()));
            return c != 0 ? c : a.value().compareTo(b.value());
        }
        if (an != bn) {
            return an ? -1 : 1;
        }
        return a.value().compareTo(b.value());
    };

    private final List<ItemId> items;
    private final Map<ItemId, Integer> index;

    private Catalogue(List<ItemId> sorted) {
        this.items = List.copyOf(sorted);
        this.index = new HashMap<>(sorted.size() * 2);
        for (int i = 0; i < sorted.size(); i++) {
            index.put(sorted.get(i), i);
        }
    }

    /** A catalogue of the distinct {@code ids}, ordered by {@link #ID_ORDER}. */
    public static Catalogue of(Collection<ItemId> ids) {
        TreeSet<ItemId> sorted = new TreeSet<>(ID_ORDER);
        sorted.addAll(ids);
        return new Catalogue(new ArrayList<>(sorted));
    }

    /**
     * This catalogue followed by the {@code more} items it does not hold, in the order given: for serving,
     * where items first seen after training join at the end so every index already handed out stays
     * valid. Ties among the items that joined break by the order they joined, not by id.
     */
    public Catalogue extendedBy(List<ItemId> more) {
        List<ItemId> all = new ArrayList<>(items.size() + more.size());
        all.addAll(items);
        Set<ItemId> seen = new HashSet<>();
        for (ItemId id : more) {
            if (!index.containsKey(id) && seen.add(id)) {
                all.add(id);
            }
        }
        return all.size() == items.size() ? this : new Catalogue(all);
    }

    /** Number of items. */
    public int size() {
        return items.size();
    }

    /** The item at {@code index}. */
    public ItemId item(int index) {
        return items.get(index);
    }

    /** The index of {@code id}, or empty when the item is not in the catalogue. */
    public OptionalInt indexOf(ItemId id) {
        Integer i = index.get(id);
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /** Every item in index order. */
    public List<ItemId> items() {
        return items;
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 30) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
