package dev.lethe.application.service.serving;

import dev.lethe.domain.forgetting.ForgettingCurve;
import dev.lethe.domain.model.DecayedPopularity;
import dev.lethe.domain.model.ModelTrainer;
import java.util.Optional;
import java.util.Set;

/**
 * The model families computed in-process from the event log: their "artifact" is a description,
 * and serving refits them on the current log with the tenant's curve.
 */
public final class JavaFamilies {
    /** Plain popularity as of the moment of scoring. */
    public static final String POP = "pop";

    private JavaFamilies() {}

    /** The family names. */
    public static Set<String> names() {
        return Set.of(POP, ServingModels.POPULARITY);
    }

    /** A trainer of {@code family} decaying with {@code curve}; empty for a family that is not a Java one. */
    public static Optional<ModelTrainer> trainer(String family, ForgettingCurve curve) {
        return switch (family) {
            case POP -> Optional.of(DecayedPopularity.trainer(POP, Optional.empty()));
            case ServingModels.POPULARITY -> Optional.of(DecayedPopularity.trainer(ServingModels.POPULARITY, Optional.of(curve)));
            default -> Optional.empty();
        };
    }
}
