package dev.lethe.domain.model;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.forgetting.ForgettingCurve;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Popularity that forgets: each past behaviour counts with the retention of the curve at the moment
 * of scoring, and only behaviours strictly before {@code asOf} count. Without a curve it is plain
 * popularity as of the moment (a count of earlier behaviours).
 */
public final class DecayedPopularity implements Recommender, FittedParameters {
    private final String name;
    private final Optional<ForgettingCurve> curve;
    private final EventLog log;

    private DecayedPopularity(String name, Optional<ForgettingCurve> curve, EventLog log) {
        this.name = name;
        this.curve = curve;
        this.log = log;
    }

    /** Fits on {@code events}; events whose item is not in {@code catalogue} are ignored. */
    public static DecayedPopularity fit(String name, Catalogue catalogue, Optional<ForgettingCurve> curve, List<Behavior> events) {
        return fit(name, curve, EventLog.of(catalogue, events));
    }

    /** Counts the events of {@code log}. */
    public static DecayedPopularity fit(String name, Optional<ForgettingCurve> curve, EventLog log) {
        return new DecayedPopularity(name, curve, log);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Catalogue catalogue() {
        return log.catalogue();
    }

    /** The forgetting curve, empty for plain counts. */
    public Optional<ForgettingCurve> curve() {
        return curve;
    }

    @Override
    public Map<String, Double> fittedParameters() {
        return curve.map(c -> Map.of("halfLifeDays", c.halfLifeSeconds() / 86_400d)).orElse(Map.of());
    }

    @Override
    public void score(ScoringContext context, double[] scores) {
        Arrays.fill(scores, 0, log.catalogue().size(), 0.0);
        long asOf = context.asOf().toEpochMilli();
        int n = log.countBefore(asOf);
        if (curve.isEmpty()) {
            for (int e = 0; e < n; e++) {
                scores[log.item(e)] += 1.0;
            }
            return;
        }
        ForgettingCurve c = curve.get();
        for (int e = 0; e < n; e++) {
            scores[log.item(e)] += c.retention((asOf - log.time(e)) / 1000.0);
        }
    }

    /**
     * A trainer of this model, for the evaluator and the training use case. It counts the training
     * and the validation events ({@link EventLog#known}): at test time both are the past.
     */
    public static ModelTrainer trainer(String name, Optional<ForgettingCurve> curve) {
        return new NamedTrainer(name, (data, listener) -> fit(name, curve, EventLog.known(data)));
    }
}
