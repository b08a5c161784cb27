package dev.lethe.application.service.serving;

import dev.lethe.application.service.serving.ServingModels.CurveInForce;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.interest.BehaviorWeights;
import dev.lethe.domain.interest.ProfileRecommender;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.DecayedPopularity;
import dev.lethe.domain.model.ModelTrainer;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingListener;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The model families computed in-process from the event log. Their artifact is a description; serving
 * refits them on the current log (without re-fitting forgetting curves, which training does).
 */
public final class JavaFamilies {
    /** Plain popularity as of the moment of scoring. */
    public static final String POP = "pop";
    /** The interest-profile recommender: decayed interests, as-of co-occurrence, category affinity, popularity prior. */
    public static final String PROFILE = "profile";

    private JavaFamilies() {}

    /** What a Java family is built from. */
    public record Inputs(CurveInForce curve, Function<ItemId, Set<String>> categoriesOf, BehaviorWeights weights) {}

    /** The family names. */
    public static Set<String> names() {
        return Set.of(POP, ServingModels.POPULARITY, PROFILE);
    }

    /** A trainer of {@code family}; empty for a family that is not a Java one. */
    public static Optional<ModelTrainer> trainer(String family, Inputs inputs) {
        return switch (family) {
            case POP -> Optional.of(DecayedPopularity.trainer(POP, Optional.empty()));
            case ServingModels.POPULARITY -> Optional.of(DecayedPopularity.trainer(ServingModels.POPULARITY, Optional.of(inputs.curve().curve())));
            case PROFILE -> Optional.of(ProfileRecommender.trainer(inputs.categoriesOf(), profileSettings(inputs)));
            default -> Optional.empty();
        };
    }

    /** {@code family} fitted on {@code log} for serving; empty for a family that is not a Java one. */
    public static Optional<Recommender> refit(String family, Catalogue catalogue, List<Behavior> log, Inputs inputs) {
        if (family.equals(PROFILE)) {
            return Optional.of(ProfileRecommender.fit(PROFILE, catalogue, log, inputs.categoriesOf(), profileSettings(inputs)));
        }
        return trainer(family, inputs).map(t -> t.train(new TrainingData(catalogue, log, List.of()), TrainingListener.SILENT));
    }

    /** The profile curve is the tenant's fitted curve when there is one, else the recommender's own default. */
    private static ProfileRecommender.Settings profileSettings(Inputs inputs) {
        ProfileRecommender.Settings defaults = ProfileRecommender.Settings.defaults(inputs.weights());
        return inputs.curve().scope().equals(ServingModels.TENANT_SCOPE) ? defaults.withProfileCurve(inputs.curve().curve()) : defaults;
    }
}
