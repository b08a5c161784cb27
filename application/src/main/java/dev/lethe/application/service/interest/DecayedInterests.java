package dev.lethe.application.service.interest;

import dev.lethe.application.port.in.Interests.Strength;
import dev.lethe.application.port.in.Recommendations.Reason;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.forgetting.ForgettingCurve;
import dev.lethe.domain.item.Item;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user's interests tallied from their history: each behaviour adds its type's base weight to its
 * item and to each of the item's categories, once as it was (original strength) and once decayed by
 * the curve to the moment of the tally (current strength). Behaviours after that moment are ignored.
 */
public final class DecayedInterests {
    private static final Comparator<Map.Entry<String, Tally>> STRONGEST_FIRST =
            Comparator.<Map.Entry<String, Tally>>comparingDouble(e -> -e.getValue().current).thenComparing(Map.Entry::getKey);

    private final Instant asOf;
    private final Map<String, Tally> byItem = new HashMap<>();
    private final Map<String, Tally> byCategory = new HashMap<>();
    private final Map<String, Set<String>> categoriesOfItem = new HashMap<>();

    private DecayedInterests(Instant asOf) {
        this.asOf = asOf;
    }

    /** Tallies {@code history} as of {@code asOf}; {@code catalogue} gives item categories (missing items have none). */
    public static DecayedInterests of(List<Behavior> history, Map<ItemId, Item> catalogue, ForgettingCurve curve, Instant asOf) {
        DecayedInterests interests = new DecayedInterests(asOf);
        for (Behavior b : history) {
            if (b.occurredAt().isAfter(asOf)) {
                continue;
            }
            double weight = b.type().baseWeight();
            double retention = curve.retention((asOf.toEpochMilli() - b.occurredAt().toEpochMilli()) / 1000.0);
            String item = b.itemId().value();
            interests.byItem.computeIfAbsent(item, k -> new Tally()).add(weight, retention, b.occurredAt());
            Item known = catalogue.get(b.itemId());
            Set<String> categories = known == null ? Set.of() : known.categories();
            interests.categoriesOfItem.put(item, categories);
            for (String category : categories) {
                interests.byCategory.computeIfAbsent(category, k -> new Tally()).add(weight, retention, b.occurredAt());
            }
        }
        return interests;
    }

    /** Item strengths, strongest now first. */
    public List<Strength> items() {
        return strengths(byItem);
    }

    /** Category strengths, strongest now first. */
    public List<Strength> categories() {
        return strengths(byCategory);
    }

    /**
     * The past interests behind recommending {@code candidate}: the user's interests in its categories
     * and the consumed items sharing one of them, strongest now first, at most {@code max}.
     */
    public List<Reason> reasonsFor(Item candidate, int max) {
        List<Map.Entry<String, Tally>> categories = new ArrayList<>();
        for (String category : candidate.categories()) {
            Tally t = byCategory.get(category);
            if (t != null) {
                categories.add(Map.entry(category, t));
            }
        }
        List<Map.Entry<String, Tally>> relatedItems = new ArrayList<>();
        for (Map.Entry<String, Tally> e : byItem.entrySet()) {
            Set<String> cats = categoriesOfItem.getOrDefault(e.getKey(), Set.of());
            if (!e.getKey().equals(candidate.id().value()) && cats.stream().anyMatch(candidate.categories()::contains)) {
                relatedItems.add(e);
            }
        }
        categories.sort(STRONGEST_FIRST);
        relatedItems.sort(STRONGEST_FIRST);
        List<Reason> reasons = new ArrayList<>();
        categories.forEach(e -> reasons.add(e.getValue().reason("category", e.getKey())));
        relatedItems.forEach(e -> reasons.add(e.getValue().reason("item", e.getKey())));
        reasons.sort(Comparator.comparingDouble(r -> -r.currentStrength()));
        return List.copyOf(reasons.subList(0, Math.min(max, reasons.size())));
    }

    /** The moment the tally was made for. */
    public Instant asOf() {
        return asOf;
    }

    private static List<Strength> strengths(Map<String, Tally> tallies) {
        return tallies.entrySet().stream().sorted(STRONGEST_FIRST)
                .map(e -> new Strength(e.getKey(), e.getValue().original, e.getValue().current, e.getValue().lastSeen, e.getValue().events))
                .toList();
    }

    private static final class Tally {
        double original;
        double current;
        Instant lastSeen = Instant.MIN;
        int events;

        void add(double weight, double retention, Instant at) {
            original += weight;
            current += weight * retention;
            events++;
            if (at.isAfter(lastSeen)) {
                lastSeen = at;
            }
        }

        Reason reason(String kind, String key) {
            return new Reason(kind, key, original, current, lastSeen);
        }
    }
}
