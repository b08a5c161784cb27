package dev.lethe.domain.sequence;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.TopK;
import dev.lethe.domain.model.TrainingData.ValidationCase;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalInt;

/**
 * Full-ranking NDCG@k of next-item predictions as docs/evaluation.md defines it: the whole catalogue is
 * ranked, the user's consumed items are excluded, ties go to the lower index, and a target that is
 * excluded or unknown counts as a miss. Used for early stopping and for fitting blends.
 */
public final class ValidationRanking {
    private ValidationRanking() {}

    /** The catalogue indices of the items in the case's history (the items a user already consumed). */
    public static BitSet consumed(Catalogue catalogue, List<Behavior> history) {
        BitSet excluded = new BitSet(catalogue.size());
        for (Behavior b : history) {
            catalogue.indexOf(b.itemId()).ifPresent(excluded::set);
        }
        return excluded;
    }

    /** NDCG@k of one case: {@code 1 / log2(rank + 2)} when the target ranks within k, else 0. */
    public static double ndcg(double[] scores, int target, BitSet excluded, int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got: " + k);
        }
        if (target < 0 || excluded.get(target)) {
            return 0.0;
        }
        int rank = TopK.rankOf(scores, target, excluded);
        return rank < k ? 1.0 / (Math.log(rank + 2) / Math.log(2)) : 0.0;
    }

    /** The catalogue index of the case's target, or -1 when the item is not in the catalogue. */
    public static int target(Catalogue catalogue, ValidationCase validationCase) {
        OptionalInt index = catalogue.indexOf(validationCase.target());
        return index.isPresent() ? index.getAsInt() : -1;
    }

    /** Mean NDCG@k of {@code model} over {@code cases}; 0 when there are no cases. */
    public static double meanNdcg(Recommender model, List<ValidationCase> cases, int k) {
        if (cases.isEmpty()) {
            return 0.0;
        }
        Catalogue catalogue = model.catalogue();
        double[] scores = new double[catalogue.size()];
        double sum = 0;
        for (ValidationCase c : cases) {
            model.score(c.context(), scores);
            sum += ndcg(scores, target(catalogue, c), consumed(catalogue, c.context().history()), k);
        }
        return sum / cases.size();
    }
}
