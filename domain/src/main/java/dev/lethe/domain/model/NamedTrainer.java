package dev.lethe.domain.model;

import java.util.Objects;

/** A {@link ModelTrainer} made of a name and a fitting function, for models whose training is one call. */
public record NamedTrainer(String name, Fit fit) implements ModelTrainer {
    public NamedTrainer {
        Objects.requireNonNull(fit, "fit");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, got: " + name);
        }
    }

    /** Fits one recommender from training data. */
    @FunctionalInterface
    public interface Fit {
        Recommender fit(TrainingData data, TrainingListener listener);
    }

    @Override
    public Recommender train(TrainingData data, TrainingListener listener) {
        return fit.fit(data, listener);
    }
}
