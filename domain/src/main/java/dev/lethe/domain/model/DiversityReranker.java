package dev.lethe.domain.model;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Re-ranks a ranked candidate pool by maximal marginal relevance over item categories: each pick
 * maximises (1 − λ) · relevance − λ · the largest category similarity to the items already picked.
 */
public final class DiversityReranker {
    private DiversityReranker() {}

    /**
     * How many of the best items by score a diversified top {@code k} is picked from: max(5k, 50), so
     * the re-ranker may reach past the top k without promoting items the model ranks far down.
     */
    public static int poolSize(int k) {
        return Math.max(5 * k, 50);
    }

    /**
     * The positions (into the pool) of the {@code k} items picked greedily, in pick order.
     *
     * <p>Relevance is the score min-max normalised over the pool to [0, 1]; similarity is the Jaccard
     * index of two category sets, 0 when either is empty (pool entries are distinct items, so the
     * "same item" case of similarity 1 never arises). Ties go to the earlier pool position, so with
     * {@code lambda = 0} the answer is the pool's own order, and the pool being ranked by
     * {@link TopK} keeps its tie rule.
     *
     * @param scores the pool's scores, best first (as {@link TopK#select} returns them)
     * @param categories the category set of each pool entry, same order and size as {@code scores}
     * @param lambda the diversity weight λ in [0, 1]
     */
    public static int[] rerank(double[] scores, List<Set<String>> categories, int k, double lambda) {
        requireWeight("lambda", lambda);
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got: " + k);
        }
        if (categories.size() != scores.length) {
            throw new IllegalArgumentException("categories must have one set per score, got " + categories.size()
                    + " for " + scores.length);
        }
        int n = scores.length;
        double[] relevance = normalised(scores);
        double[] maxSimilarity = new double[n];
        boolean[] picked = new boolean[n];
        int[] order = new int[Math.min(k, n)];
        for (int rank = 0; rank < order.length; rank++) {
            int best = -1;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (picked[i]) {
                    continue;
                }
                double value = (1 - lambda) * relevance[i] - lambda * maxSimilarity[i];
                if (value > bestValue) {
                    best = i;
                    bestValue = value;
                }
            }
            picked[best] = true;
            order[rank] = best;
            Set<String> chosen = categories.get(best);
            for (int i = 0; i < n; i++) {
                if (!picked[i]) {
                    maxSimilarity[i] = Math.max(maxSimilarity[i], jaccard(chosen, categories.get(i)));
                }
            }
        }
        return order;
    }

    /** {@code lambda} when it is a diversity weight in [0, 1]; else an {@link IllegalArgumentException} naming {@code field}. */
    public static double requireWeight(String field, double lambda) {
        if (!(lambda >= 0 && lambda <= 1)) {
            throw new IllegalArgumentException(field + " must be between 0 and 1, got: " + lambda);
        }
        return lambda;
    }

    /** The Jaccard index |a ∩ b| / |a ∪ b| of two category sets; 0 when either is empty. */
    public static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        Set<String> small = a.size() <= b.size() ? a : b;
        Set<String> large = small == a ? b : a;
        int common = 0;
        for (String c : small) {
            if (large.contains(c)) {
                common++;
            }
        }
        return (double) common / (a.size() + b.size() - common);
    }

    /**
     * Mean pairwise category dissimilarity (1 − Jaccard) of a list; 0 for fewer than two items.
     * The evaluator's intra-list diversity.
     */
    public static double intraListDiversity(List<Set<String>> categories) {
        int n = categories.size();
        if (n < 2) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                sum += 1 - jaccard(categories.get(i), categories.get(j));
            }
        }
        return sum / (n * (n - 1) / 2.0);
    }

    private static double[] normalised(double[] scores) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            if (Double.isFinite(s)) {
                min = Math.min(min, s);
                max = Math.max(max, s);
            }
        }
        double range = max - min;
        double[] relevance = new double[scores.length];
        if (!(range > 0) || !Double.isFinite(range)) {
            // All equal (or nothing finite): relevance cannot separate the pool, order breaks the ties.
            Arrays.fill(relevance, 1);
            return relevance;
        }
        for (int i = 0; i < scores.length; i++) {
            double s = scores[i];
            relevance[i] = Double.isFinite(s) ? (s - min) / range : (s > 0 ? 1 : 0);
        }
        return relevance;
    }
}
