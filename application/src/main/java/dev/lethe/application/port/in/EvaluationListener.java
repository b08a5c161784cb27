package dev.lethe.application.port.in;

/**
 * Hears how an evaluation advances, for progress bars and logs. Calls never overlap, but scoring
 * progress may arrive from the worker threads that score test cases in parallel.
 */
public interface EvaluationListener {
    /** Ignores everything. */
    EvaluationListener SILENT = new EvaluationListener() {};

    /** Model {@code index} (0-based) of {@code count} starts training. */
    default void modelStarted(String model, int index, int count) {}

    /** {@code done} of {@code total} units of a phase ("train", "score", or a trainer's own) are finished. */
    default void progress(String model, String phase, long done, long total, String message) {}

    /** A model was trained and scored. */
    default void modelFinished(EvaluationReport.ModelResult result) {}
}
