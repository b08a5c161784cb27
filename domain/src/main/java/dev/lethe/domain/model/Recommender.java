package dev.lethe.domain.model;

import java.util.List;
import java.util.Optional;

/**
 * The one model port every recommender implements (decayed popularity, item-kNN, Markov, the
 * interest profile, the LSTM, the blend), so the evaluator, the blend and the API never special-case
 * a model. Implementations must be safe for concurrent calls to {@link #score}.
 */
public interface Recommender {

    /** A short stable name, e.g. {@code pop}, {@code decayed-pop}, {@code lstm}, {@code lethe}. */
    String name();

    /** The catalogue whose indices {@code scores} follows. */
    Catalogue catalogue();

    /**
     * Writes a score for every catalogue item into {@code scores} (length = catalogue size) as of
     * {@code context.asOf()}; higher ranks first. Exclusions are applied by the caller.
     */
    void score(ScoringContext context, double[] scores);

    /**
     * How the scores of the catalogue items {@code items} (indices) came about as of {@code context.asOf()},
     * one breakdown per item in order, each adding up to the score {@link #score} gives it. A model that
     * can say what moved its scores overrides this; the default is the whole score as one
     * {@link Contribution.Kind#MODEL} contribution named by {@link #name()}.
     */
    default List<ScoreBreakdown> explain(ScoringContext context, int[] items) {
        return ScoreBreakdown.wholeScores(this, Contribution.Kind.MODEL, Optional.of(name()), context, items);
    }
}
