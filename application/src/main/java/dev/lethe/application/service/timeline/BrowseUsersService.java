package dev.lethe.application.service.timeline;

import dev.lethe.application.port.in.BrowseUsersUseCase;
import dev.lethe.application.port.in.TimelineQuery;
import dev.lethe.application.port.in.UserTimeline;
import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.application.service.serving.ServingModels;
import dev.lethe.application.service.serving.ServingModels.CurveInForce;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.interest.BehaviorWeights;
import dev.lethe.domain.interest.DecayKernel;
import dev.lethe.domain.interest.Interest;
import dev.lethe.domain.interest.InterestProfile;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the user's history up to the moment asked, and replays it into the same {@link InterestProfile}
 * recommendations use, reading the strongest category interests just before and at each behaviour and at
 * {@link #GRID} even steps in between: the strengths drawn are the ones the recommender decays, not a
 * re-implementation of the curve.
 */
public final class BrowseUsersService implements BrowseUsersUseCase {
    /** Even samples between the first behaviour and the end, besides those at behaviours. */
    static final int GRID = 120;

    private final BehaviorRepository behaviors;
    private final ItemRepository items;
    private final ServingModels models;
    private final Clock clock;

    public BrowseUsersService(BehaviorRepository behaviors, ItemRepository items, ServingModels models, Clock clock) {
        this.behaviors = behaviors;
        this.items = items;
        this.models = models;
        this.clock = clock;
    }

    @Override
    public List<UserId> find(TenantId tenantId, String prefix, int limit) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(prefix, "prefix");
        if (limit < 1 || limit > MAX_USERS) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_USERS + ", got: " + limit);
        }
        return behaviors.usersStartingWith(tenantId, prefix, limit);
    }

    @Override
    public UserTimeline timeline(TimelineQuery query) {
        Instant now = clock.instant();
        Instant asOf = query.asOf().orElse(now);
        if (asOf.isAfter(now)) {
            throw new IllegalArgumentException("asOf must not be in the future, got: " + asOf);
        }
        List<Behavior> history = behaviors.recentForUser(query.tenantId(), query.userId(), asOf, query.limit());
        Set<ItemId> ids = new LinkedHashSet<>();
        history.forEach(b -> ids.add(b.itemId()));
        Map<ItemId, Item> catalogue = items.findAll(query.tenantId(), ids);
        CurveInForce curve = models.curveFor(query.tenantId(), query.userId());
        BehaviorWeights weights = models.weightsFor(query.tenantId());
        DecayKernel kernel = DecayKernel.of(curve.curve());

        List<UserTimeline.Entry> entries = new ArrayList<>(history.size());
        for (Behavior b : history) {
            entries.add(new UserTimeline.Entry(b, weights.weight(b), categoriesOf(catalogue, b.itemId())));
        }
        List<String> strongest = InterestProfile.of(query.userId(), history, kernel, weights, item -> categoriesOf(catalogue, item))
                .topCategories(asOf, query.interests()).stream().map(Interest::key).toList();
        List<Instant> moments = moments(history, asOf);
        return new UserTimeline(query.userId(), asOf, curve.curve(), curve.scope(), entries, moments,
                traces(query.userId(), history, moments, strongest, kernel, weights, catalogue, asOf));
    }

    /** The moments to sample: an even grid from the first behaviour to the end, and just before and at each behaviour. */
    private static List<Instant> moments(List<Behavior> history, Instant asOf) {
        if (history.isEmpty()) {
            return List.of();
        }
        TreeSet<Instant> moments = new TreeSet<>();
        Instant start = history.get(0).occurredAt();
        long span = asOf.toEpochMilli() - start.toEpochMilli();
        for (int i = 0; i <= GRID; i++) {
            moments.add(start.plusMillis(span * i / GRID));
        }
        for (Behavior b : history) {
            moments.add(b.occurredAt().minusMillis(1));
            moments.add(b.occurredAt());
        }
        return List.copyOf(moments.subSet(start.minusMillis(1), true, asOf, true));
    }

    private static List<UserTimeline.Trace> traces(UserId user, List<Behavior> history, List<Instant> moments, List<String> categories,
                                                  DecayKernel kernel, BehaviorWeights weights, Map<ItemId, Item> catalogue, Instant asOf) {
        InterestProfile profile = new InterestProfile(user, kernel, weights, item -> categoriesOf(catalogue, item));
        List<List<Double>> strengths = new ArrayList<>();
        categories.forEach(c -> strengths.add(new ArrayList<>(moments.size())));
        int next = 0;
        for (Instant at : moments) {
            while (next < history.size() && !history.get(next).occurredAt().isAfter(at)) {
                profile.record(history.get(next++));
            }
            for (int c = 0; c < categories.size(); c++) {
                strengths.get(c).add(profile.categoryStrength(categories.get(c), at));
            }
        }
        List<UserTimeline.Trace> traces = new ArrayList<>(categories.size());
        for (int c = 0; c < categories.size(); c++) {
            traces.add(new UserTimeline.Trace(categories.get(c), profile.categoryStrength(categories.get(c), asOf), strengths.get(c)));
        }
        return traces;
    }

    private static Set<String> categoriesOf(Map<ItemId, Item> catalogue, ItemId item) {
        Item known = catalogue.get(item);
        return known == null ? Set.of() : known.categories();
    }
}
