package dev.lethe.application.port.in;

/**
 * Measures models offline on a dataset with the protocol of docs/benchmarks.md (leave-last-out or
 * a global temporal split, full-catalogue ranking, scores as of each held-out event). Blocks for as
 * long as training and scoring take; bad input (unknown model, too little data) throws
 * {@link IllegalArgumentException} naming the field.
 */
public interface EvaluateUseCase {

    /** Splits the data, trains and scores every requested model in turn, reporting progress to {@code listener}. */
    EvaluationReport evaluate(EvaluationQuery query, EvaluationListener listener);

    /**
     * Trains {@code model} once on the query's split and scores each test case once; re-ranks its top
     * k for category diversity with each of {@code lambdas} (each in [0, 1]) and measures every ranking.
     */
    DiversityTradeOff diversityTradeOff(EvaluationQuery query, String model, java.util.List<Double> lambdas, EvaluationListener listener);
}
