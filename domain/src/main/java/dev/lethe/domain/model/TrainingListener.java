package dev.lethe.domain.model;

/** Receives progress of a long fit (epochs, passes over data); all methods are optional. */
public interface TrainingListener {
    /** Does nothing. */
    TrainingListener SILENT = new TrainingListener() {};

    /** One unit of {@code total} finished; {@code message} is a short status such as "loss 4.21". */
    default void progress(String phase, long done, long total, String message) {}

    /** A named metric value at a step (epoch), for training curves. */
    default void metric(String name, int step, double value) {}
}
