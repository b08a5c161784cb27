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
import dev.lethe.domain.model.DiversityReranker;
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
import java.util.Optional;
import java.util.Set;

/**
 * Scores the tenant's catalogue for a user as of now (or a past moment the query names) with the served model (popularity for users
 * with no history), removes consumed, excluded and filtered-out items, and returns the top k,
 * re-ranked for category diversity when the query asks for it.
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
        Instant now = clock.instant();
        Instant asOf = query.asOf().orElse(now);
        if (asOf.isAfter(now)) {
            throw new IllegalArgumentException("asOf must not be in the future, got: " + asOf);
        }
        List<Behavior> recent = query.asOf().isPresent()
                ? behaviors.recentForUser(query.tenantId(), query.userId(), asOf, HISTORY_LENGTH)
                : behaviors.recentForUser(query.tenantId(), query.userId(), HISTORY_LENGTH);
        List<Behavior> history = recent.stream().filter(b -> !b.occurredAt().isAfter(asOf)).toList();
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
        if (query.diversity() > 0) {
            List<Candidate> pool = candidates(query, catalogue, scores, excluded, DiversityReranker.poolSize(wanted));
            double[] poolScores = new double[pool.size()];
            List<Set<String>> poolCategories = new ArrayList<>(pool.size());
            for (int p = 0; p < pool.size(); p++) {
                poolScores[p] = scores[pool.get(p).index()];
                poolCategories.add(pool.get(p).categories());
            }
            if (!pool.isEmpty()) {
                for (int p : DiversityReranker.rerank(poolScores, poolCategories, wanted, query.diversity())) {
                    int i = pool.get(p).index();
                    result.add(new Recommendations.Item(catalogue.item(i), scores[i], List.of()));
                }
            }
        } else if (query.category().isPresent()) {
            for (Candidate c : candidates(query, catalogue, scores, excluded, wanted)) {
                result.add(new Recommendations.Item(catalogue.item(c.index()), scores[c.index()], List.of()));
            }
        } else {
            for (int i : TopK.select(scores, wanted, excluded)) {
                result.add(new Recommendations.Item(catalogue.item(i), scores[i], List.of()));
            }
        }
        List<Recommendations.Item> answered = query.explain() && !result.isEmpty() ? explain(query, model, history, result, asOf) : result;
        return new Recommendations(query.userId(), asOf, model.name(), coldStart, answered);
    }

    /** A ranked catalogue index with the item's categories (empty when the item has no metadata). */
    private record Candidate(int index, Set<String> categories) {}

    /**
     * The best {@code wanted} items by score that pass the query's category filter, with their
     * categories. Filters after ranking, fetching item metadata for a growing prefix until enough pass.
     */
    private List<Candidate> candidates(RecommendQuery query, Catalogue catalogue, double[] scores, BitSet excluded, int wanted) {
        Optional<String> category = query.category();
        int window = category.isPresent() ? Math.max(4 * wanted, 50) : wanted;
        List<Candidate> result = new ArrayList<>(wanted);
        while (true) {
            result.clear();
            int[] top = TopK.select(scores, window, excluded);
            List<ItemId> ids = new ArrayList<>(top.length);
            for (int i : top) {
                ids.add(catalogue.item(i));
            }
            Map<ItemId, Item> known = items.findAll(query.tenantId(), ids);
            for (int i : top) {
                Item item = known.get(catalogue.item(i));
                Set<String> categories = item == null ? Set.of() : item.categories();
                if ((category.isEmpty() || categories.contains(category.get())) && result.size() < wanted) {
                    result.add(new Candidate(i, categories));
                }
            }
            if (result.size() >= wanted || top.length < window || window >= catalogue.size()) {
                return result;
            }
            window *= 4;
        }
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
