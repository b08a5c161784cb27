package dev.lethe.application.service.recommend;

import dev.lethe.application.port.in.RecommendQuery;
import dev.lethe.application.port.in.RecommendUseCase;
import dev.lethe.application.port.in.Recommendations;
import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.application.service.interest.DecayedInterests;
import dev.lethe.application.service.serving.ServingModels;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.interest.ProfileRecommender;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.model.TopK;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores the tenant's catalogue for a user as of now with the served model (popularity for users
 * with no history), removes consumed, excluded and filtered-out items, and returns the top k.
 */
public final class RecommendService implements RecommendUseCase {
    /** How much of a user's recent history the model sees. */
    public static final int HISTORY_LENGTH = 200;
    /** How many past interests an explained item lists at most. */
    public static final int MAX_REASONS = 5;

    private final BehaviorRepository behaviors;
    private final ItemRepository items;
    private final ServingModels models;
    private final Clock clock;

    public RecommendService(BehaviorRepository behaviors, ItemRepository items, ServingModels models, Clock clock) {
        this.behaviors = behaviors;
        this.items = items;
        this.models = models;
        this.clock = clock;
    }

    @Override
    public Recommendations recommend(RecommendQuery query) {
        Instant asOf = clock.instant();
        List<Behavior> history = behaviors.recentForUser(query.tenantId(), query.userId(), HISTORY_LENGTH).stream()
                .filter(b -> !b.occurredAt().isAfter(asOf))
                .toList();
        ServingModels.Served served = models.forTenant(query.tenantId());
        boolean coldStart = history.isEmpty();
        Recommender model = coldStart ? served.popularity() : served.model();
        Catalogue catalogue = model.catalogue();

        BitSet excluded = new BitSet(catalogue.size());
        Set<ItemId> never = new HashSet<>(query.exclude());
        never.addAll(behaviors.consumedItems(query.tenantId(), query.userId()));
        for (ItemId id : never) {
            catalogue.indexOf(id).ifPresent(excluded::set);
        }
        double[] scores = new double[catalogue.size()];
        model.score(new ScoringContext(query.userId(), history, asOf), scores);

        int wanted = query.k();
        List<Recommendations.Item> result = new ArrayList<>(wanted);
        if (query.category().isPresent()) {
            // Filter after ranking, fetching item metadata for a growing prefix until k pass the filter.
            String category = query.category().get();
            int window = Math.max(4 * wanted, 50);
            while (result.size() < wanted) {
                result.clear();
                int[] top = TopK.select(scores, window, excluded);
                List<ItemId> ids = new ArrayList<>(top.length);
                for (int i : top) {
                    ids.add(catalogue.item(i));
                }
                Map<ItemId, Item> known = items.findAll(query.tenantId(), ids);
                for (int i : top) {
                    Item item = known.get(catalogue.item(i));
                    if (item != null && item.categories().contains(category) && result.size() < wanted) {
                        result.add(new Recommendations.Item(catalogue.item(i), scores[i], List.of()));
                    }
                }
                if (top.length < window || window >= catalogue.size()) {
                    break;
                }
                window *= 4;
            }
        } else {
            for (int i : TopK.select(scores, wanted, excluded)) {
                result.add(new Recommendations.Item(catalogue.item(i), scores[i], List.of()));
            }
        }
        List<Recommendations.Item> answered = query.explain() && !result.isEmpty() ? explain(query, model, history, result, asOf) : result;
        return new Recommendations(query.userId(), asOf, model.name(), coldStart, answered);
    }

    /**
     * Adds to each item the past interests behind it: the model's own explanation when it has one (the
     * profile recommender's co-occurring items and categories), else the user's interest profile in the
     * item's categories.
     */
    private List<Recommendations.Item> explain(RecommendQuery query, Recommender model, List<Behavior> history,
                                               List<Recommendations.Item> ranked, Instant asOf) {
        List<Recommendations.Item> explained = new ArrayList<>(ranked.size());
        if (model instanceof ProfileRecommender profile && !history.isEmpty()) {
            ScoringContext context = new ScoringContext(query.userId(), history, asOf);
            for (Recommendations.Item item : ranked) {
                explained.add(new Recommendations.Item(item.itemId(), item.score(),
                        DecayedInterests.reasonsOf(profile.explain(context, item.itemId(), MAX_REASONS), MAX_REASONS)));
            }
            return explained;
        }
        Set<ItemId> ids = new LinkedHashSet<>();
        history.forEach(b -> ids.add(b.itemId()));
        ranked.forEach(i -> ids.add(i.itemId()));
        DecayedInterests interests = DecayedInterests.of(query.userId(), history, items.findAll(query.tenantId(), ids),
                models.curveFor(query.tenantId(), query.userId()).curve(), models.weightsFor(query.tenantId()), asOf);
        for (Recommendations.Item item : ranked) {
            explained.add(new Recommendations.Item(item.itemId(), item.score(), interests.reasonsFor(item.itemId(), MAX_REASONS)));
        }
        return explained;
    }
}
