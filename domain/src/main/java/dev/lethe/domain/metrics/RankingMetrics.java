package dev.lethe.domain.metrics;

import dev.lethe.domain.behavior.ItemId;
import java.util.List;
import java.util.Set;

/**
 * Top-K ranking metrics of one user's ranked list against the items they actually engaged with.
 * Only the first {@code k} entries of {@code ranked} count; a list shorter than {@code k} is
 * scored as is (precision still divides by {@code k}, so a short list cannot look more precise).
 * Relevance is binary.
 */
public final class RankingMetrics {
    private RankingMetrics() {}

    /** 1 when any of the first {@code k} items is relevant, else 0 (HR@K). */
    public static double hitRate(List<ItemId> ranked, Set<ItemId> relevant, int k) {
        return firstHit(ranked, relevant, k) >= 0 ? 1.0 : 0.0;
    }

    /** Normalised discounted cumulative gain at {@code k}: DCG over the DCG of a perfect list. */
    public static double ndcg(List<ItemId> ranked, Set<ItemId> relevant, int k) {
        check(relevant, k);
        double dcg = 0;
        int limit = Math.min(k, ranked.size());
        for (int r = 0; r < limit; r++) {
            if (relevant.contains(ranked.get(r))) {
                dcg += discount(r);
            }
        }
        double ideal = 0;
        for (int r = 0; r < Math.min(k, relevant.size()); r++) {
            ideal += discount(r);
        }
        return dcg / ideal;
    }

    /** 1 / (1-based position of the first relevant item) when it is within {@code k}, else 0 (MRR@K). */
    public static double reciprocalRank(List<ItemId> ranked, Set<ItemId> relevant, int k) {
        int first = firstHit(ranked, relevant, k);
        return first >= 0 ? 1.0 / (first + 1) : 0.0;
    }

    /** Relevant items among the first {@code k}, divided by {@code k}. */
    public static double precision(List<ItemId> ranked, Set<ItemId> relevant, int k) {
        return hits(ranked, relevant, k) / (double) k;
    }

    /** Relevant items among the first {@code k}, divided by the number of relevant items. */
    public static double recall(List<ItemId> ranked, Set<ItemId> relevant, int k) {
        return hits(ranked, relevant, k) / (double) relevant.size();
    }

    /** The harmonic mean of precision and recall at {@code k}; 0 when both are 0. */
    public static double f1(List<ItemId> ranked, Set<ItemId> relevant, int k) {
        double p = precision(ranked, relevant, k);
        double r = recall(ranked, relevant, k);
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }

    /** 0-based position of the first relevant item within the first {@code k}, or -1. */
    public static int firstHit(List<ItemId> ranked, Set<ItemId> relevant, int k) {
        check(relevant, k);
        int limit = Math.min(k, ranked.size());
        for (int r = 0; r < limit; r++) {
            if (relevant.contains(ranked.get(r))) {
                return r;
            }
        }
        return -1;
    }

    private static int hits(List<ItemId> ranked, Set<ItemId> relevant, int k) {
        check(relevant, k);
        int hits = 0;
        int limit = Math.min(k, ranked.size());
        for (int r = 0; r < limit; r++) {
            if (relevant.contains(ranked.get(r))) {
                hits++;
            }
        }
        return hits;
    }

    private static double discount(int zeroBasedRank) {
        return 1.0 / (Math.log(zeroBasedRank + 2) / Math.log(2));
    }

    private static void check(Set<ItemId> relevant, int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got: " + k);
        }
        if (relevant.isEmpty()) {
            throw new IllegalArgumentException("relevant must not be empty");
        }
    }
}
