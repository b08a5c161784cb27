package dev.lethe.domain.model;

/** Builds a {@link Recommender} of one family from training data; may block for a long time. */
public interface ModelTrainer {

    /** The name of the recommenders this trainer builds. */
    String name();

    /** Fits a recommender; reports progress to {@code listener}. */
    Recommender train(TrainingData data, TrainingListener listener);
}
