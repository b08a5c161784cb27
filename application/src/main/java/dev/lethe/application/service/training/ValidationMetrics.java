package dev.lethe.application.service.training;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.TopK;
import dev.lethe.domain.model.TrainingData.ValidationCase;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.IntConsumer;

/**
 * HR@10 and NDCG@10 of a model on validation cases, full-catalogue ranking with the user's own history
 * excluded, scored as of each case's moment (the protocol of docs/EVALUATION). A target that is not in
 * the model's catalogue, or that the user already had, counts as a miss.
 */
final class ValidationMetrics {
    static final int CUTOFF = 10;
    static final String HR = "hr@10";
    static final String NDCG = "ndcg@10";
    static final String CASES = "validation_cases";

    private ValidationMetrics() {}

    static Map<String, Double> evaluate(Recommender model, List<ValidationCase> cases, IntConsumer done) {
        int n = model.catalogue().size();
        double[] scores = new double[n];
        double hits = 0;
        double ndcg = 0;
        for (int c = 0; c < cases.size(); c++) {
            ValidationCase vc = cases.get(c);
            BitSet excluded = new BitSet(n);
            for (Behavior b : vc.context().history()) {
                model.catalogue().indexOf(b.itemId()).ifPresent(excluded::set);
            }
            OptionalInt target = model.catalogue().indexOf(vc.target());
            if (target.isPresent() && !excluded.get(target.getAsInt())) {
                model.score(vc.context(), scores);
                int rank = TopK.rankOf(scores, target.getAsInt(), excluded);
                if (rank < CUTOFF) {
                    hits++;
                    ndcg += 1.0 / (Math.log(rank + 2) / Math.log(2));
                }
            }
            done.accept(c + 1);
        }
        int total = Math.max(1, cases.size());
        return Map.of(HR, hits / total, NDCG, ndcg / total, CASES, (double) cases.size());
    }
}
