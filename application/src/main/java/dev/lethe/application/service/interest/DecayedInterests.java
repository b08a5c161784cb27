package dev.lethe.application.service.interest;

import dev.lethe.application.port.in.Interests.Strength;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.ForgettingCurve;
import dev.lethe.domain.interest.DecayKernel;
import dev.lethe.domain.interest.Interest;
import dev.lethe.domain.interest.InterestProfile;
import dev.lethe.domain.interest.BehaviorWeights;
import dev.lethe.domain.item.Item;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user's {@link InterestProfile} as of a moment, read out for the API: strengths per category and
 * item. Behaviours after the moment are ignored.
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

    private static Set<String> categoriesOf(Map<ItemId, Item> catalogue, ItemId item) {
        Item known = catalogue.get(item);
        return known == null ? Set.of() : known.categories();
    }

    private static Strength strength(String key, Interest<?> interest) {
        return new Strength(key, interest.originalStrength(), interest.currentStrength(), interest.lastSeen(), interest.behaviours());
    }
}
