package dev.lethe.adapter.ml;

import ai.djl.engine.Engine;
import dev.lethe.application.port.out.ModelEnginePort.ModelEngineException;
import dev.lethe.application.service.serving.JavaFamilies;
import dev.lethe.application.service.serving.ServingArtifact;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.forgetting.ForgettingCurve;
import dev.lethe.domain.interest.BehaviorWeights;
import dev.lethe.domain.interest.CompactNeighbours;
import dev.lethe.domain.interest.ProfileRecommender;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.DecayedPopularity;
import dev.lethe.domain.model.ModelTrainer;
import dev.lethe.domain.model.OnlinePopularity;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.ScoreBreakdown;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingListener;
import dev.lethe.domain.sequence.BlendedRecommender;
import dev.lethe.domain.sequence.ValidationRanking;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code lethe} model: the time-aware LSTM's short-term intent, the user's long-term decayed
 * interest profile ({@code ProfileRecommender}) and a time-decayed popularity prior whose half-life is
 * fitted on the validation split, blended with weights fitted there too ({@link BlendedRecommender#fit}:
 * never below any one part on validation). The profile is the caller's (the tenant's settings, searched
 * when the job tunes). Saved as {@code lstm/} (the LSTM artifact), {@code lethe.properties} (half-life,
 * weights, the profile's behaviour weights), {@code categories.csv} and {@code blend/}:
 * the profile's settings, its co-occurrences ({@link CompactNeighbours}, at most
 * {@value JavaFamilies#SERVING_NEIGHBOURS} per item) and the decayed-popularity states of the profile and
 * the prior as of training ({@link ServingArtifact}). Loading reads those, bounded by the catalogue; no
 * behaviour is replayed. A loaded blend answers as of moments after its training data (serving); the
 * trained one answers as of any moment (evaluation).
 */
final class LetheBlend implements Recommender, AutoCloseable {
    static final double[] HALF_LIVES_DAYS = {1, 3, 7, 14, 30, 60, 120, 180, 365};
    static final String PRIOR = "decayed-pop";
    /** LSTM logits become log-probabilities, profile scores z-scores, the prior's decayed counts log-shares. */
    static final List<BlendedRecommender.Normalisation> NORMALISATIONS = List.of(BlendedRecommender.Normalisation.LOG_SOFTMAX,
            BlendedRecommender.Normalisation.Z_SCORE, BlendedRecommender.Normalisation.LOG_SHARE);
    private static final Logger LOG = LoggerFactory.getLogger(LetheBlend.class);
    private static final String METADATA = "lethe.properties";
    private static final String CATEGORIES = "categories.csv";
    private static final String LSTM_DIR = "lstm";
    private static final String BEHAVIOUR_WEIGHT = "profile.weight.";

    private static final String BLEND_DIR = "blend";
    private static final String PRIOR_STATE = "prior.bin";
    /** Every training behaviour is in the past of any moment a loaded blend serves. */
    private static final long SERVED_LATER = Long.MAX_VALUE;

    private final LstmRecommender lstm;
    private final double halfLifeDays;
    private final ServingArtifact parts;
    private final OnlinePopularity priorState;
    private final Map<ItemId, Set<String>> categories;
    private final BlendedRecommender blend;

    private LetheBlend(LstmRecommender lstm, double halfLifeDays, ServingArtifact parts, OnlinePopularity priorState,
            Map<ItemId, Set<String>> categories, BlendedRecommender blend) {
        this.categories = categories;
        this.lstm = lstm;
        this.halfLifeDays = halfLifeDays;
        this.parts = parts;
        this.priorState = priorState;
        this.blend = blend;
    }

    static LetheBlend train(LstmTraining training, LstmHyperParameters hp, ModelTrainer profileTrainer, TrainingData data,
            TrainingListener listener) {
        LstmRecommender lstm = training.train(DjlModelEngine.LSTM, hp, data, listener);
        try {
            Recommender profile = profileTrainer.train(data, listener);
            if (!(profile instanceof ProfileRecommender)) {
                throw new IllegalArgumentException("the blend's profile trainer must train a ProfileRecommender, got: "
                        + profile.getClass().getSimpleName());
            }
            List<Behavior> known = knownEvents(data);
            double bestDays = HALF_LIVES_DAYS[0];
            double bestNdcg = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < HALF_LIVES_DAYS.length; i++) {
                DecayedPopularity prior = prior(data.catalogue(), HALF_LIVES_DAYS[i], known);
                double ndcg = ValidationRanking.meanNdcg(prior, data.validation(), 10);
                listener.progress("prior half-life", i + 1L, HALF_LIVES_DAYS.length, HALF_LIVES_DAYS[i] + " d: NDCG@10 " + ndcg);
                if (ndcg > bestNdcg) {
                    bestNdcg = ndcg;
                    bestDays = HALF_LIVES_DAYS[i];
                }
            }
            DecayedPopularity prior = prior(data.catalogue(), bestDays, known);
            BlendedRecommender blend = BlendedRecommender.fit("lethe", List.of(lstm, profile, prior), NORMALISATIONS, data.validation());
            LetheBlend result = new LetheBlend(lstm, bestDays, parts(data.catalogue(), (ProfileRecommender) profile, data.events()),
                    OnlinePopularity.of(Optional.of(ExponentialCurve.ofDays(bestDays)), data.catalogue(), known, SERVED_LATER), data.categories(), blend);
            double ndcg = ValidationRanking.meanNdcg(result, data.validation(), 10);
            listener.metric("lethe-" + LstmTraining.VALIDATION_NDCG, lstm.summary().bestEpoch(), ndcg);
            LOG.info("lethe blend: prior half-life {} d (validation NDCG@10 {}), weights {}, blend validation NDCG@10 {}",
                    bestDays, String.format("%.5f", bestNdcg), result.weights(), String.format("%.5f", ndcg));
            return result;
        } catch (RuntimeException e) {
            lstm.close();
            throw e;
        }
    }

    /**
     * What serving needs of the profile as of the end of training: its co-occurrences, settings and
     * popularity (of the training behaviours).
     */
    private static ServingArtifact parts(Catalogue catalogue, ProfileRecommender profile, List<Behavior> training) {
        Optional<ForgettingCurve> profileCurve = Optional.of(profile.settings().popularityCurve());
        return new ServingArtifact(catalogue, 0, profileCurve, Map.of(profileCurve, OnlinePopularity.of(profileCurve, catalogue, training, SERVED_LATER)),
                Optional.of(profile.settings()), Optional.of(profile.compactNeighbours(JavaFamilies.SERVING_NEIGHBOURS)));
    }

    /**
     * What the prior counts: the training behaviours plus the validation cases' targets, which are
     * past behaviours for every later request (the prior only ever counts behaviours before as-of).
     */
    static List<Behavior> knownEvents(TrainingData data) {
        return knownEvents(data.events(), validationEvents(data));
    }

    private static List<Behavior> knownEvents(List<Behavior> training, List<Behavior> validation) {
        List<Behavior> known = new ArrayList<>(training);
        known.addAll(validation);
        return known;
    }

    private static List<Behavior> validationEvents(TrainingData data) {
        List<Behavior> events = new ArrayList<>();
        int n = 0;
        for (TrainingData.ValidationCase c : data.validation()) {
            events.add(Behavior.of(new EventId("validation-" + n++), c.context().userId(), c.target(), BehaviorType.VIEW,
                    c.context().asOf()));
        }
        return events;
    }

    private static DecayedPopularity prior(Catalogue catalogue, double halfLifeDays, List<Behavior> events) {
        return DecayedPopularity.fit(PRIOR, catalogue, Optional.of(ExponentialCurve.ofDays(halfLifeDays)), events);
    }

    /** The fitted weights, in component order (LSTM, profile, prior). */
    List<Double> weights() {
        List<Double> w = new ArrayList<>();
        for (BlendedRecommender.Component c : blend.components()) {
            w.add(c.weight());
        }
        return w;
    }

    /** The behaviour weights of the blend's interest profile. */
    BehaviorWeights profileWeights() {
        return parts.profileSettings().orElseThrow().weights();
    }

    double halfLifeDays() {
        return halfLifeDays;
    }

    LstmRecommender lstm() {
        return lstm;
    }

    @Override
    public String name() {
        return DjlModelEngine.LETHE;
    }

    @Override
    public Catalogue catalogue() {
        return blend.catalogue();
    }

    @Override
    public void score(ScoringContext context, double[] scores) {
        blend.score(context, scores);
    }

    @Override
    public List<ScoreBreakdown> explain(ScoringContext context, int[] items) {
        return blend.explain(context, items);
    }

    void save(Path directory) {
        try {
            Path lstmDir = Files.createDirectory(directory.resolve(LSTM_DIR));
            LstmArtifacts.save(lstm, lstmDir);
            Properties p = new Properties();
            p.setProperty("family", DjlModelEngine.LETHE);
            p.setProperty("priorHalfLifeDays", Double.toString(halfLifeDays));
            List<Double> w = weights();
            p.setProperty("weight.lstm", Double.toString(w.get(0)));
            p.setProperty("weight.profile", Double.toString(w.get(1)));
            p.setProperty("weight.prior", Double.toString(w.get(2)));
            putBehaviourWeights(p, parts.profileSettings().orElseThrow().weights());
            try (Writer out = Files.newBufferedWriter(directory.resolve(METADATA), StandardCharsets.UTF_8)) {
                p.store(out, "Lethe blend");
            }
            parts.writeTo(directory.resolve(BLEND_DIR));
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(directory.resolve(BLEND_DIR).resolve(PRIOR_STATE))))) {
                priorState.write(out);
            }
            // The served profile reads the items' categories.
            try (BufferedWriter out = Files.newBufferedWriter(directory.resolve(CATEGORIES), StandardCharsets.UTF_8)) {
                for (Map.Entry<ItemId, Set<String>> e : categories.entrySet()) {
                    if (!e.getValue().isEmpty()) {
                        out.write(e.getKey().value() + ',' + String.join("|", new java.util.TreeSet<>(e.getValue())));
                        out.newLine();
                    }
                }
            }
        } catch (IOException e) {
            throw new ModelEngineException("could not save the lethe model to " + directory, e);
        }
    }

    static LetheBlend load(Engine engine, Path directory, int poolSize, BehaviorWeights profileWeights) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(directory.resolve(METADATA), StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new ModelEngineException("no readable " + METADATA + " in " + directory, e);
        }
        Map<ItemId, Set<String>> categories = new HashMap<>();
        Path categoriesFile = directory.resolve(CATEGORIES);
        if (Files.exists(categoriesFile)) {
            try (BufferedReader in = Files.newBufferedReader(categoriesFile, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    int comma = line.indexOf(',');
                    categories.put(new ItemId(line.substring(0, comma)), Set.of(line.substring(comma + 1).split("\\|")));
                }
            } catch (IOException | RuntimeException e) {
                throw new ModelEngineException("could not read " + CATEGORIES + " in " + directory, e);
            }
        }
        LstmRecommender lstm = LstmArtifacts.load(engine, DjlModelEngine.LSTM, directory.resolve(LSTM_DIR), poolSize);
        try {
            double days = Double.parseDouble(p.getProperty("priorHalfLifeDays"));
            ServingArtifact parts = ServingArtifact.readFrom(directory.resolve(BLEND_DIR), behaviourWeights(p, profileWeights));
            Catalogue catalogue = lstm.catalogue();
            if (!parts.catalogue().items().equals(catalogue.items())) {
                throw new IllegalStateException("the blend's parts and its LSTM have different catalogues");
            }
            ProfileRecommender.Settings settings = parts.profileSettings().orElseThrow();
            Map<ItemId, Set<String>> known = Map.copyOf(categories);
            Recommender profile = ProfileRecommender.serving("profile", catalogue, settings, parts.neighbours().orElseThrow(),
                    parts.popularity().get(Optional.of(settings.popularityCurve())).over(PRIOR + "-profile", catalogue),
                    ProfileRecommender.CategoryIndex.of(catalogue, item -> known.getOrDefault(item, Set.of())));
            OnlinePopularity priorState;
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(directory.resolve(BLEND_DIR).resolve(PRIOR_STATE))))) {
                priorState = OnlinePopularity.read(Optional.of(ExponentialCurve.ofDays(days)), in);
            }
            // Popularity as of training, decaying as time passes.
            Recommender prior = priorState.over(PRIOR, catalogue);
            BlendedRecommender blend = new BlendedRecommender(DjlModelEngine.LETHE, List.of(
                    new BlendedRecommender.Component(lstm, NORMALISATIONS.get(0), Double.parseDouble(p.getProperty("weight.lstm"))),
                    new BlendedRecommender.Component(profile, NORMALISATIONS.get(1), Double.parseDouble(p.getProperty("weight.profile"))),
                    new BlendedRecommender.Component(prior, NORMALISATIONS.get(2), Double.parseDouble(p.getProperty("weight.prior")))));
            return new LetheBlend(lstm, days, parts, priorState, known, blend);
        } catch (IOException | RuntimeException e) {
            lstm.close();
            throw new ModelEngineException("could not rebuild the lethe blend from " + directory, e);
        }
    }

    /** The profile's behaviour weights, as {@code profile.weight.<type>} and its rating and dwell settings. */
    private static void putBehaviourWeights(Properties p, BehaviorWeights weights) {
        for (Map.Entry<BehaviorType, Double> e : weights.typeWeights().entrySet()) {
            p.setProperty(BEHAVIOUR_WEIGHT + e.getKey().wireName(), Double.toString(e.getValue()));
        }
        p.setProperty("profile.ratingPivot", Double.toString(weights.ratingPivot()));
        p.setProperty("profile.ratingSlope", Double.toString(weights.ratingSlope()));
        p.setProperty("profile.dwellReferenceSeconds", Double.toString(weights.dwellReferenceSeconds()));
        p.setProperty("profile.maxFactor", Double.toString(weights.maxFactor()));
    }

    /** The weights {@link #putBehaviourWeights} stored; {@code absent} for an artifact written before they were stored. */
    private static BehaviorWeights behaviourWeights(Properties p, BehaviorWeights absent) {
        if (p.getProperty("profile.maxFactor") == null) {
            return absent;
        }
        Map<BehaviorType, Double> types = new java.util.EnumMap<>(BehaviorType.class);
        for (BehaviorType type : BehaviorType.values()) {
            String v = p.getProperty(BEHAVIOUR_WEIGHT + type.wireName());
            if (v == null) {
                throw new IllegalStateException(METADATA + " lacks " + BEHAVIOUR_WEIGHT + type.wireName());
            }
            types.put(type, Double.parseDouble(v));
        }
        return new BehaviorWeights(types, Double.parseDouble(p.getProperty("profile.ratingPivot")),
                Double.parseDouble(p.getProperty("profile.ratingSlope")), Double.parseDouble(p.getProperty("profile.dwellReferenceSeconds")),
                Double.parseDouble(p.getProperty("profile.maxFactor")));
    }

    @Override
    public void close() {
        lstm.close();
    }
}
