package dev.lethe.domain.model;

import java.util.List;
import java.util.Optional;

/**
 * Popularity over the whole training split, whatever the moment of scoring. It ignores
 * {@code asOf} on purpose and so leaks the future: it is the reference row that shows how much an
 * evaluation which forgets about time flatters a model.
 */
public final class AllTimePopularity implements Recommender {
    /** The name this model is registered under. */
    public static final String NAME = "pop-all";

    private final Catalogue catalogue;
    private final double[] counts;

    private AllTimePopularity(Catalogue catalogue, double[] counts) {
        this.catalogue = catalogue;
        this.counts = counts;
    }

    /** Counts every event of {@code log}. */
    public static AllTimePopularity fit(EventLog log) {
        double[] counts = new double[log.catalogue().size()];
        for (int e = 0; e < log.size(); e++) {
            counts[log.item(e)] += 1.0;
        }
        return new AllTimePopularity(log.catalogue(), counts);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Catalogue catalogue() {
        return catalogue;
    }

    /** Popularity is one reason: how popular the item is now. */
    @Override
    public List<ScoreBreakdown> explain(ScoringContext context, int[] items) {
        return ScoreBreakdown.wholeScores(this, Contribution.Kind.POPULARITY, Optional.empty(), context, items);
    }

    @Override
    public void score(ScoringContext context, double[] scores) {
        System.arraycopy(counts, 0, scores, 0, counts.length);
    }

    /** Counts the training events only (not the validation events), as the reference figures do. */
    public static ModelTrainer trainer() {
        return new NamedTrainer(NAME, (data, listener) -> fit(EventLog.training(data)));
    }
}
