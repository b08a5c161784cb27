package dev.lethe.domain.metrics;

import java.util.List;

/**
 * The metrics of one model over all evaluated users, each the mean over users (a user whose
 * held-out item could not be recommended counts as a miss), plus catalogue coverage.
 *
 * @param users number of users averaged over
 * @param coverage distinct items in any user's top-K divided by the catalogue size
 * @param hitRateCurve HR@1 .. HR@K, for plots
 */
public record MetricSummary(
        int k,
        int users,
        double hitRate,
        double ndcg,
        double mrr,
        double precision,
        double recall,
        double f1,
        double coverage,
        List<Double> hitRateCurve) {

    public MetricSummary {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got: " + k);
        }
        if (users < 0) {
            throw new IllegalArgumentException("users must not be negative, got: " + users);
        }
        hitRateCurve = List.copyOf(hitRateCurve);
        if (hitRateCurve.size() != k) {
            throw new IllegalArgumentException("hitRateCurve must have k = " + k + " entries, got: " + hitRateCurve.size());
        }
    }
}
