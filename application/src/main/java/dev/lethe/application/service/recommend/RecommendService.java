package dev.lethe.application.service.recommend;

import dev.lethe.application.port.in.RecommendQuery;
import dev.lethe.application.port.in.RecommendUseCase;
import dev.lethe.application.port.in.Recommendations;
import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.application.service.serving.ServingModels;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.Contribution;
import dev.lethe.domain.model.DiversityReranker;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.ScoreBreakdown;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.model.TopK;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
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

        // Consumed and excluded items are checked on the ranked candidates, not marked in the catalogue
        // up front: a long history names hundreds of items, each an id-to-index lookup in a map as large as
        // the catalogue, while only the few that rank high need checking, against this small set.
        Set<ItemId> never = new HashSet<>(query.exclude());
        if (query.asOf().isEmpty() && recent.size() < HISTORY_LENGTH) {
            // The read above holds the user's whole history: no second read for the items consumed.
            recent.forEach(b -> never.add(b.itemId()));
        } else {
            never.addAll(behaviors.consumedItems(query.tenantId(), query.userId()));
        }
        BitSet excluded = new BitSet(catalogue.size());
        double[] scores = new double[catalogue.size()];
        model.score(new ScoringContext(query.userId(), history, asOf), scores);

        int wanted = query.k();
        List<Recommendations.Item> result = new ArrayList<>(wanted);
        if (query.diversity() > 0) {
            List<Candidate> pool = candidates(query, catalogue, scores, excluded, never, DiversityReranker.poolSize(wanted));
            double[] poolScores = new double[pool.size()];
            List<Set<String>> poolCategories = new ArrayList<>(pool.size());
            for (int p = 0; p < pool.size(); p++) {
                poolScores[p] = scores[pool.get(p).index()];
                poolCategories.add(pool.get(p).categories());
            }
            if (!pool.isEmpty()) {
                for (int p : DiversityReranker.rerank(poolScores, poolCategories, wanted, query.diversity())) {
                    int i = pool.get(p).index();
                    result.add(new Recommendations.Item(catalogue.item(i), scores[i]));
                }
            }
        } else if (query.category().isPresent()) {
            for (Candidate c : candidates(query, catalogue, scores, excluded, never, wanted)) {
                result.add(new Recommendations.Item(catalogue.item(c.index()), scores[c.index()]));
            }
        } else {
            for (int i : topNotIn(catalogue, scores, wanted, excluded, never)) {
                result.add(new Recommendations.Item(catalogue.item(i), scores[i]));
            }
        }
        List<Recommendations.Item> answered = query.explain() && !result.isEmpty() ? explain(query, model, history, result, asOf) : result;
        return new Recommendations(query.userId(), asOf, model.name(), coldStart, answered);
    }

    /**
     * The best {@code wanted} indexes by score whose items are not in {@code never}: ranks a window
     * somewhat larger than wanted, marks in {@code excluded} the items of it that are in {@code never},
     * and widens the window until enough are left or every eligible item was ranked. Items outside a
     * window rank below all inside it, so the result is what excluding {@code never} first would give.
     */
    private static int[] topNotIn(Catalogue catalogue, double[] scores, int wanted, BitSet excluded, Set<ItemId> never) {
        int window = Math.max(2 * wanted, wanted + 20);
        while (true) {
            int[] top = TopK.select(scores, window, excluded);
            int[] kept = notIn(catalogue, top, never, excluded);
            if (kept.length >= wanted || top.length < window) {
                return Arrays.copyOf(kept, Math.min(wanted, kept.length));
            }
            window *= 4;
        }
    }

    /**
     * The indexes of {@code ranked}, in order, whose items are not in {@code never}; the others are marked in
     * {@code excluded}, so a wider ranking skips them.
     */
    private static int[] notIn(Catalogue catalogue, int[] ranked, Set<ItemId> never, BitSet excluded) {
        int[] kept = new int[ranked.length];
        int m = 0;
        for (int i : ranked) {
            if (never.contains(catalogue.item(i))) {
                excluded.set(i);
            } else {
                kept[m++] = i;
            }
        }
        return Arrays.copyOf(kept, m);
    }

    /** A ranked catalogue index with the item's categories (empty when the item has no metadata). */
    private record Candidate(int index, Set<String> categories) {}

    /**
     * The best {@code wanted} items by score that pass the query's category filter, with their
     * categories. Filters after ranking, fetching item metadata for a growing prefix until enough pass.
     */
    private List<Candidate> candidates(RecommendQuery query, Catalogue catalogue, double[] scores, BitSet excluded, Set<ItemId> never,
                                       int wanted) {
        Optional<String> category = query.category();
        int window = category.isPresent() ? Math.max(4 * wanted, 50) : wanted;
        List<Candidate> result = new ArrayList<>(wanted);
        while (true) {
            result.clear();
            int[] ranked = TopK.select(scores, window, excluded);
            int[] top = notIn(catalogue, ranked, never, excluded);
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
            if (result.size() >= wanted || ranked.length < window || window >= catalogue.size()) {
                return result;
            }
            window *= 4;
        }
    }

    /**
     * Adds to each item what produced its score, as the model breaks it down (at most {@link #MAX_REASONS}
     * named, faded interests folded, see {@link ScoreBreakdown#asReasons}), and the past interests among
     * those contributions.
     */
    private static List<Recommendations.Item> explain(RecommendQuery query, Recommender model, List<Behavior> history,
                                                      List<Recommendations.Item> ranked, Instant asOf) {
        Catalogue catalogue = model.catalogue();
        int[] indices = ranked.stream().mapToInt(i -> catalogue.indexOf(i.itemId()).orElseThrow()).toArray();
        List<ScoreBreakdown> breakdowns = model.explain(new ScoringContext(query.userId(), history, asOf), indices);
        List<Recommendations.Item> explained = new ArrayList<>(ranked.size());
        for (int r = 0; r < ranked.size(); r++) {
            Recommendations.Item item = ranked.get(r);
            ScoreBreakdown why = breakdowns.get(r).asReasons(MAX_REASONS);
            explained.add(new Recommendations.Item(item.itemId(), item.score(), reasons(why), why.contributions(), why.baseline()));
        }
        return explained;
    }

    /** The contributions that name one of the user's interests, as reasons. */
    private static List<Recommendations.Reason> reasons(ScoreBreakdown why) {
        List<Recommendations.Reason> reasons = new ArrayList<>();
        for (Contribution c : why.contributions()) {
            if (c.interest().isPresent() && c.key().isPresent()) {
                String kind = c.kind() == Contribution.Kind.CATEGORY ? "category" : "item";
                Contribution.Source s = c.interest().get();
                reasons.add(new Recommendations.Reason(kind, c.key().get(), s.originalStrength(), s.currentStrength(), s.lastSeen()));
            }
        }
        return reasons;
    }
}
