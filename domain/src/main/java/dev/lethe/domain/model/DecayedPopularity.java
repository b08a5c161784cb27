package dev.lethe.domain.model;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.forgetting.ForgettingCurve;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Popularity that forgets: each past behaviour counts with the retention of the curve at the moment
 * of scoring, and only behaviours strictly before {@code asOf} count. Without a curve it is plain
 * popularity as of the moment (a count of earlier behaviours).
 */
public final class DecayedPopularity implements Recommender {
    private final String name;
    private final Catalogue catalogue;
    private final Optional<ForgettingCurve> curve;
    private final long[] times;
    private final int[] items;

    private DecayedPopularity(String name, Catalogue catalogue, Optional<ForgettingCurve> curve, long[] times, int[] items) {
        this.name = name;
        this.catalogue = catalogue;
        this.curve = curve;
        this.times = times;
        this.items = items;
    }

    /** Fits on {@code events}; events whose item is not in {@code catalogue} are ignored. */
    public static DecayedPopularity fit(String name, Catalogue catalogue, Optional<ForgettingCurve> curve, List<Behavior> events) {
        List<Behavior> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(Behavior::occurredAt));
        long[] times = new long[sorted.size()];
        int[] items = new int[sorted.size()];
        int n = 0;
        for (Behavior b : sorted) {
            OptionalInt index = catalogue.indexOf(b.itemId());
            if (index.isPresent()) {
                times[n] = b.occurredAt().toEpochMilli();
                items[n] = index.getAsInt();
                n++;
            }
        }
        return new DecayedPopularity(name, catalogue, curve, java.util.Arrays.copyOf(times, n), java.util.Arrays.copyOf(items, n));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Catalogue catalogue() {
        return catalogue;
    }

    @Override
    public void score(ScoringContext context, double[] scores) {
        java.util.Arrays.fill(scores, 0, catalogue.size(), 0.0);
        long asOf = context.asOf().toEpochMilli();
        for (int e = 0; e < times.length && times[e] < asOf; e++) {
            scores[items[e]] += curve.isPresent()
                    ? curve.get().retention((asOf - times[e]) / 1000.0)
                    : 1.0;
        }
    }

    /** A trainer of this model, for the evaluator and the training use case. */
    public static ModelTrainer trainer(String name, Optional<ForgettingCurve> curve) {
        return new ModelTrainer() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Recommender train(TrainingData data, TrainingListener listener) {
                return fit(name, data.catalogue(), curve, data.events());
            }
        };
    }
}
