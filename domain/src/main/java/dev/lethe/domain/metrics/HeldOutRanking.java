package dev.lethe.domain.metrics;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.model.TopK;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalInt;

/**
 * Ranks the full catalogue for one held-out event the way the evaluation protocol prescribes:
 * every item the user already engaged with (their history in the context) is excluded, ties go to
 * the lower item id. A held-out item that is in the history therefore can never be hit.
 */
public final class HeldOutRanking {
    private HeldOutRanking() {}

    /** The top {@code k} of {@code model} for {@code context}, best first. */
    public static List<ItemId> topK(Recommender model, ScoringContext context, int k) {
        double[] scores = new double[model.catalogue().size()];
        model.score(context, scores);
        return topK(model.catalogue(), scores, context, k);
    }

    /** The top {@code k} of {@code scores} (indexed by {@code catalogue}) after excluding the history. */
    public static List<ItemId> topK(Catalogue catalogue, double[] scores, ScoringContext context, int k) {
        int[] best = TopK.select(scores, k, excluded(catalogue, context));
        List<ItemId> ranked = new ArrayList<>(best.length);
        for (int i : best) {
            ranked.add(catalogue.item(i));
        }
        return ranked;
    }

    /** The catalogue indices of the items in the context's history. */
    public static BitSet excluded(Catalogue catalogue, ScoringContext context) {
        BitSet excluded = new BitSet(catalogue.size());
        for (Behavior b : context.history()) {
            OptionalInt i = catalogue.indexOf(b.itemId());
            if (i.isPresent()) {
                excluded.set(i.getAsInt());
            }
        }
        return excluded;
    }
}
