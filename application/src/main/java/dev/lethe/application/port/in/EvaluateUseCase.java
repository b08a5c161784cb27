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
}
