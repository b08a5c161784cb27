package dev.lethe.domain.model;

import dev.lethe.domain.behavior.Behavior;
import java.util.List;
import java.util.Objects;

/**
 * What a model learns from: the catalogue, the training behaviours in time order, and validation
 * cases (a user's history, the next item they engaged with, and the moment of it) for early stopping
 * and for fitting blend weights.
 */
public record TrainingData(Catalogue catalogue, List<Behavior> events, List<ValidationCase> validation) {
    public TrainingData {
        Objects.requireNonNull(catalogue, "catalogue");
        events = List.copyOf(events);
        validation = List.copyOf(validation);
    }

    /** One held-out next event: score as of {@code context.asOf()} and find {@code target}. */
    public record ValidationCase(ScoringContext context, dev.lethe.domain.behavior.ItemId target) {
        public ValidationCase {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(target, "target");
        }
    }
}
