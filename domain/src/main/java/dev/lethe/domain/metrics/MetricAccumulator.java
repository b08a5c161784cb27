package dev.lethe.domain.metrics;

import dev.lethe.domain.behavior.ItemId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Sums the per-user metrics of one model and turns them into a {@link MetricSummary}; not thread-safe. */
public final class MetricAccumulator {
    private final int k;
    private final long[] firstHits;
    private final Set<ItemId> recommended = new HashSet<>();
    private int users;
    private double ndcg;
    private double mrr;
    private double precision;
    private double recall;
    private double f1;

    /** An accumulator of metrics at {@code k}. */
    public MetricAccumulator(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got: " + k);
        }
        this.k = k;
        this.firstHits = new long[k];
    }

    /** Adds one user's ranked list (best first) and the items they actually engaged with. */
    public void add(List<ItemId> ranked, Set<ItemId> relevant) {
        int first = RankingMetrics.firstHit(ranked, relevant, k);
        if (first >= 0) {
            firstHits[first]++;
        }
        ndcg += RankingMetrics.ndcg(ranked, relevant, k);
        mrr += RankingMetrics.reciprocalRank(ranked, relevant, k);
        precision += RankingMetrics.precision(ranked, relevant, k);
        recall += RankingMetrics.recall(ranked, relevant, k);
        f1 += RankingMetrics.f1(ranked, relevant, k);
        recommended.addAll(ranked.subList(0, Math.min(k, ranked.size())));
        users++;
    }

    /** The means so far; coverage is relative to a catalogue of {@code catalogueSize} items. */
    public MetricSummary summary(int catalogueSize) {
        if (catalogueSize <= 0) {
            throw new IllegalArgumentException("catalogueSize must be positive, got: " + catalogueSize);
        }
        double n = Math.max(users, 1);
        List<Double> curve = new ArrayList<>(k);
        long cumulative = 0;
        for (int r = 0; r < k; r++) {
            cumulative += firstHits[r];
            curve.add(cumulative / n);
        }
        return new MetricSummary(k, users, curve.get(k - 1), ndcg / n, mrr / n, precision / n, recall / n, f1 / n,
                recommended.size() / (double) catalogueSize, curve);
    }
}
