package dev.lethe.application.service.serving;

import dev.lethe.application.service.serving.ServingModels.CurveInForce;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.content.ContentAffinity;
import dev.lethe.domain.content.ContentIndex;
import dev.lethe.domain.content.ContentNeighbours;
import dev.lethe.domain.interest.BehaviorWeights;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.interest.ProfileRecommender;
import dev.lethe.domain.interest.ProfileTuning;
import java.time.Clock;
import java.util.function.Consumer;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.DecayedPopularity;
import dev.lethe.domain.model.ModelTrainer;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingListener;
import dev.lethe.domain.forgetting.ForgettingCurve;
import dev.lethe.domain.interest.CompactNeighbours;
import dev.lethe.domain.model.OnlinePopularity;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The model families computed in-process from the event log. Training writes what serving needs of
 * them as a {@link ServingArtifact}; serving never refits them.
 */
public final class JavaFamilies {
    /** Plain popularity as of the moment of scoring. */
    public static final String POP = "pop";
    /** The interest-profile recommender: decayed interests, as-of co-occurrence, category affinity, popularity prior. */
    public static final String PROFILE = "profile";
    /** The profile with a content component: new items are recommended by their text from their first minute. */
    public static final String PROFILE_CONTENT = "profile" + ContentAffinity.SUFFIX;
    /** Co-occurring items a served profile keeps per item: bounds its memory by the catalogue. */
    public static final int SERVING_NEIGHBOURS = 100;
    /** The cut-off of the NDCG that fits a family's weights on validation. */
    static final int VALIDATION_K = 10;

    private JavaFamilies() {}

    /** What a Java family is built from. */
    public record Inputs(CurveInForce curve, Function<ItemId, Set<String>> categoriesOf, BehaviorWeights weights,
                         Function<ItemId, Optional<Item>> itemOf) {
        /** Inputs whose items carry no text beyond their categories. */
        public Inputs(CurveInForce curve, Function<ItemId, Set<String>> categoriesOf, BehaviorWeights weights) {
            this(curve, categoriesOf, weights, id -> {
                Set<String> categories = categoriesOf.apply(id);
                return categories.isEmpty() ? Optional.empty() : Optional.of(new Item(id, categories, Map.of()));
            });
        }
    }

    /** The family names. */
    public static Set<String> names() {
        return Set.of(POP, ServingModels.POPULARITY, PROFILE, PROFILE_CONTENT);
    }

    /**
     * The families whose settings a training job can search ({@link ProfileTuning}): {@code profile}.
     * {@code pop} has no settings, and {@code popularity} decays with the tenant's forgetting curve by
     * definition ({@code decayed-pop-fit} is its tuned counterpart in the evaluator).
     */
    public static Set<String> tunable() {
        return Set.of(PROFILE);
    }

    /**
     * A trainer of {@code family} that searches its settings with {@code options} first, the search going
     * to {@code onResult}; empty for a family that is not {@link #tunable()}.
     */
    public static Optional<ModelTrainer> tunedTrainer(String family, Inputs inputs, ProfileTuning.Options options, Clock clock,
                                                      Consumer<ProfileTuning.Result> onResult) {
        return family.equals(PROFILE)
                ? Optional.of(ProfileTuning.trainer(PROFILE, inputs.categoriesOf(), profileSettings(inputs), options, clock, onResult))
                : Optional.empty();
    }

    /** A trainer of {@code family}; empty for a family that is not a Java one. */
    public static Optional<ModelTrainer> trainer(String family, Inputs inputs) {
        return switch (family) {
            case POP -> Optional.of(DecayedPopularity.trainer(POP, Optional.empty()));
            case ServingModels.POPULARITY -> Optional.of(DecayedPopularity.trainer(ServingModels.POPULARITY, Optional.of(inputs.curve().curve())));
            case PROFILE -> Optional.of(ProfileRecommender.trainer(inputs.categoriesOf(), profileSettings(inputs)));
            case PROFILE_CONTENT -> Optional.of(ContentAffinity.trainer(
                    ProfileRecommender.trainer(inputs.categoriesOf(), profileSettings(inputs)), inputs.itemOf(), VALIDATION_K));
            default -> Optional.empty();
        };
    }

    /**
     * What serving needs of a version trained on {@code log} (read up to {@code watermark}) as of
     * {@code now}: the fallback popularity (the tenant's curve in force), the family's own popularity,
     * and for {@code profile} the co-occurrences of the whole log with the trained settings, at most
     * {@value #SERVING_NEIGHBOURS} neighbours per item; and the sequence numbers the log's read did not see.
     */
    public static ServingArtifact servingArtifact(String family, Inputs inputs, Recommender trained, TenantLog log, long watermark,
                                                  Instant now) {
        Catalogue catalogue = log.catalogue();
        Optional<ForgettingCurve> fallback = Optional.of(inputs.curve().curve());
        Set<Optional<ForgettingCurve>> needed = new HashSet<>();
        needed.add(fallback);
        Optional<ProfileRecommender.Settings> settings = Optional.empty();
        Optional<CompactNeighbours> neighbours = Optional.empty();
        Optional<ServingArtifact.Content> content = Optional.empty();
        if (family.equals(PROFILE_CONTENT) && trained instanceof ContentAffinity withContent) {
            // The index itself (vocabulary, idf) is what vectorises items that join after training.
            ContentIndex index = ContentIndex.fit(catalogue, inputs.itemOf());
            ContentNeighbours rows = withContent.neighbours().items() == catalogue.size()
                    ? withContent.neighbours() : index.neighbours(ContentAffinity.NEIGHBOURS);
            content = Optional.of(new ServingArtifact.Content(index, rows,
                    withContent.weight(), withContent.newItemWeight(), withContent.newItemDays()));
            needed.add(Optional.empty());
            trained = withContent.profile();
        }
        if (family.equals(POP)) {
            needed.add(Optional.empty());
        } else if ((family.equals(PROFILE) || family.equals(PROFILE_CONTENT)) && trained instanceof ProfileRecommender profile) {
            settings = Optional.of(profile.settings());
            needed.add(Optional.of(profile.settings().popularityCurve()));
            neighbours = Optional.of(ProfileRecommender.fit(PROFILE, catalogue, log.events(), log::categoriesOf, profile.settings())
                    .compactNeighbours(SERVING_NEIGHBOURS));
        }
        Map<Optional<ForgettingCurve>, OnlinePopularity> popularity = new HashMap<>();
        long nowMillis = now.toEpochMilli();
        for (Optional<ForgettingCurve> curve : needed) {
            popularity.put(curve, OnlinePopularity.of(curve, catalogue, log.events(), nowMillis));
        }
        return new ServingArtifact(catalogue, watermark, fallback, popularity, settings, neighbours, content, log.unseen());
    }

    /** The profile curve is the tenant's fitted curve when there is one, else the recommender's own default. */
    static ProfileRecommender.Settings profileSettings(Inputs inputs) {
        ProfileRecommender.Settings defaults = ProfileRecommender.Settings.defaults(inputs.weights());
        return inputs.curve().scope().equals(ServingModels.TENANT_SCOPE) ? defaults.withProfileCurve(inputs.curve().curve()) : defaults;
    }
}
