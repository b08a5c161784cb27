package dev.lethe.application.service.interest;

import dev.lethe.application.port.in.Interests.Strength;
import dev.lethe.application.port.in.Recommendations.Reason;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.ForgettingCurve;
import dev.lethe.domain.interest.DecayKernel;
import dev.lethe.domain.interest.Explanation;
import dev.lethe.domain.interest.Interest;
import dev.lethe.domain.interest.InterestProfile;
import dev.lethe.domain.interest.BehaviorWeights;
import dev.lethe.domain.item.Item;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user's {@link InterestProfile} as of a moment, read out for the API: strengths per category and
 * item, and the past interests behind a candidate item (its categories the user cares about, and the
 * user's items sharing one of them). Behaviours after the moment are ignored.
 */
public final class DecayedInterests {
    private final InterestProfile profile;
    private final Map<ItemId, Item> catalogue;
    private final Instant asOf;

    private DecayedInterests(InterestProfile profile, Map<ItemId, Item> catalogue, Instant asOf) {
        this.profile = profile;
        this.catalogue = catalogue;
        this.asOf = asOf;
    }

    /** The profile of {@code history} decayed by {@code curve}; {@code catalogue} gives item categories (missing items have none). */
    public static DecayedInterests of(UserId user, List<Behavior> history, Map<ItemId, Item> catalogue, ForgettingCurve curve,
                                      BehaviorWeights weights, Instant asOf) {
        List<Behavior> known = history.stream().filter(b -> !b.occurredAt().isAfter(asOf)).toList();
        InterestProfile profile = InterestProfile.of(user, known, DecayKernel.of(curve), weights, item -> categoriesOf(catalogue, item));
        return new DecayedInterests(profile, catalogue, asOf);
    }

    /** Item strengths, strongest now first. */
    public List<Strength> items() {
        return profile.topItems(asOf, Integer.MAX_VALUE).stream().map(i -> strength(i.key().value(), i)).toList();
    }

    /** Category strengths, strongest now first. */
    public List<Strength> categories() {
        return profile.topCategories(asOf, Integer.MAX_VALUE).stream().map(i -> strength(i.key(), i)).toList();
    }

    /**
     * The past interests behind recommending {@code candidate}: the user's interests in its categories
     * and in the items sharing one of them, strongest now first, at most {@code max}.
     */
    public List<Reason> reasonsFor(ItemId candidate, int max) {
        Set<String> categories = categoriesOf(catalogue, candidate);
        List<Reason> reasons = new ArrayList<>();
        profile.explain(candidate, asOf, max).forEach(i -> reasons.add(reason("category", i.key(), i)));
        for (Interest<ItemId> item : profile.items(asOf)) {
            if (!item.key().equals(candidate) && categoriesOf(catalogue, item.key()).stream().anyMatch(categories::contains)) {
                reasons.add(reason("item", item.key().value(), item));
            }
        }
        return strongestFirst(reasons, max);
    }

    /** A model's own explanation (co-occurring items, categories) as reasons, strongest now first. */
    public static List<Reason> reasonsOf(Explanation explanation, int max) {
        List<Reason> reasons = new ArrayList<>();
        explanation.items().forEach(i -> reasons.add(reason("item", i.key().value(), i)));
        explanation.categories().forEach(i -> reasons.add(reason("category", i.key(), i)));
        return strongestFirst(reasons, max);
    }

    private static List<Reason> strongestFirst(List<Reason> reasons, int max) {
        reasons.sort(Comparator.comparingDouble((Reason r) -> -r.currentStrength()).thenComparing(Reason::kind).thenComparing(Reason::key));
        return List.copyOf(reasons.subList(0, Math.min(max, reasons.size())));
    }

    private static Set<String> categoriesOf(Map<ItemId, Item> catalogue, ItemId item) {
        Item known = catalogue.get(item);
        return known == null ? Set.of() : known.categories();
    }

    private static Strength strength(String key, Interest<?> interest) {
        return new Strength(key, interest.originalStrength(), interest.currentStrength(), interest.lastSeen(), interest.behaviours());
    }

    private static Reason reason(String kind, String key, Interest<?> interest) {
        return new Reason(kind, key, interest.originalStrength(), interest.currentStrength(), interest.lastSeen());
    }
}
