package dev.lethe.domain.model;

import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.metrics.HeldOutRanking;
import dev.lethe.domain.metrics.RankingMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the half-life of a decayed popularity by NDCG@K on the validation cases, each scored as
 * of its own moment, over a log-spaced grid of half-lives. Trains {@code decayed-pop-fit}.
 */
public final class HalfLifeSearch implements ModelTrainer {
    /** The name this trainer is registered under. */
    public static final String NAME = "decayed-pop-fit";
    /** Used when there is no validation case to choose by. */
    public static final double DEFAULT_HALF_LIFE_DAYS = 30;
    private static final double[] GRID_DAYS = {
        0.25, 0.5, 1, 2, 3, 5, 7, 10, 14, 21, 30, 45, 60, 90, 120, 180, 270, 365, 540, 730, 1095
    };

    private final int k;

    /** A search that ranks candidates by NDCG@{@code k}. */
    public HalfLifeSearch(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got: " + k);
        }
        this.k = k;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Recommender train(TrainingData data, TrainingListener listener) {
        EventLog log = EventLog.known(data);
        return DecayedPopularity.fit(NAME, Optional.of(ExponentialCurve.ofDays(bestHalfLifeDays(log, data.validation(), listener))), log);
    }

    /**
     * The grid's half-life, in days, whose decayed popularity over {@code log} ranks {@code cases} best
     * by NDCG@K (the first on ties); {@link #DEFAULT_HALF_LIFE_DAYS} without cases.
     */
    public double bestHalfLifeDays(EventLog log, List<TrainingData.ValidationCase> cases, TrainingListener listener) {
        double best = DEFAULT_HALF_LIFE_DAYS;
        double bestNdcg = Double.NEGATIVE_INFINITY;
        if (!cases.isEmpty()) {
            for (int g = 0; g < GRID_DAYS.length; g++) {
                double ndcg = validationNdcg(log, cases, GRID_DAYS[g] * 86_400_000d);
                listener.metric("validation-ndcg@" + k, g, ndcg);
                listener.progress("half-life search", g + 1, GRID_DAYS.length,
                        String.format(Locale.ROOT, "%.2f d -> NDCG@%d %.4f", GRID_DAYS[g], k, ndcg));
                if (ndcg > bestNdcg) {
                    bestNdcg = ndcg;
                    best = GRID_DAYS[g];
                }
            }
        }
        return best;
    }

    /**
     * Mean NDCG@K of exponential decayed popularity with {@code halfLifeMillis} over {@code cases}.
     * Visits the cases in time order and carries the decayed counts forward (multiply by the decay
     * since the previous case, add the events in between), which is exact for an exponential curve
     * and far cheaper than recounting the log for every case.
     */
    double validationNdcg(EventLog log, List<TrainingData.ValidationCase> cases, double halfLifeMillis) {
        List<TrainingData.ValidationCase> ordered = new ArrayList<>(cases);
        ordered.sort(Comparator.comparing(c -> c.context().asOf()));
        Catalogue catalogue = log.catalogue();
        double[] scores = new double[catalogue.size()];
        double rate = Math.log(2) / halfLifeMillis;
        long now = Long.MIN_VALUE;
        int next = 0;
        double total = 0;
        for (TrainingData.ValidationCase c : ordered) {
            long asOf = c.context().asOf().toEpochMilli();
            if (now != Long.MIN_VALUE && asOf > now) {
                double factor = Math.exp(-rate * (asOf - now));
                for (int i = 0; i < scores.length; i++) {
                    scores[i] *= factor;
                }
            }
            now = asOf;
            int end = log.countBefore(asOf);
            for (; next < end; next++) {
                scores[log.item(next)] += Math.exp(-rate * (asOf - log.time(next)));
            }
            List<ItemId> ranked = HeldOutRanking.topK(catalogue, scores, c.context(), k);
            total += RankingMetrics.ndcg(ranked, Set.of(c.target()), k);
        }
        return total / cases.size();
    }

    /** The half-lives tried, in days. */
    public static double[] gridDays() {
        return Arrays.copyOf(GRID_DAYS, GRID_DAYS.length);
    }
}
