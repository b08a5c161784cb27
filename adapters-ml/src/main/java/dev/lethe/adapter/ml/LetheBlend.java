package dev.lethe.adapter.ml;

import ai.djl.engine.Engine;
import dev.lethe.application.port.out.ModelEnginePort.ModelEngineException;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.DecayedPopularity;
import dev.lethe.domain.model.ModelTrainer;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingListener;
import dev.lethe.domain.sequence.BlendedRecommender;
import dev.lethe.domain.sequence.ValidationRanking;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code lethe} model: the time-aware LSTM's short-term intent, the user's long-term decayed
 * interest profile ({@code ProfileRecommender}) and a time-decayed popularity prior whose half-life is
 * fitted on the validation split, blended with weights fitted there too. Saved as {@code lstm/} (the
 * LSTM artifact), {@code lethe.properties} (half-life, weights) and {@code events.csv} (the training
 * behaviours and validation targets; the profile and the prior are refitted from them on load, which
 * is deterministic).
 */
final class LetheBlend implements Recommender, AutoCloseable {
    static final double[] HALF_LIVES_DAYS = {1, 3, 7, 14, 30, 60, 120, 180, 365};
    static final String PRIOR = "decayed-pop";
    /** LSTM logits become log-probabilities, profile scores z-scores, the prior's decayed counts log-shares. */
    static final List<BlendedRecommender.Normalisation> NORMALISATIONS = List.of(BlendedRecommender.Normalisation.LOG_SOFTMAX,
            BlendedRecommender.Normalisation.Z_SCORE, BlendedRecommender.Normalisation.LOG_SHARE);
    private static final Logger LOG = LoggerFactory.getLogger(LetheBlend.class);
    private static final String METADATA = "lethe.properties";
    private static final String EVENTS = "events.csv";
    private static final String CATEGORIES = "categories.csv";
    private static final String LSTM_DIR = "lstm";

    private final LstmRecommender lstm;
    private final double halfLifeDays;
    private final List<Behavior> trainingEvents;
    private final List<Behavior> validationEvents;
    private final Map<ItemId, Set<String>> categories;
    private final BlendedRecommender blend;

    private LetheBlend(LstmRecommender lstm, double halfLifeDays, List<Behavior> trainingEvents, List<Behavior> validationEvents,
            Map<ItemId, Set<String>> categories, BlendedRecommender blend) {
        this.categories = categories;
        this.lstm = lstm;
        this.halfLifeDays = halfLifeDays;
        this.trainingEvents = trainingEvents;
        this.validationEvents = validationEvents;
        this.blend = blend;
    }

    static LetheBlend train(LstmTraining training, LstmHyperParameters hp, ModelTrainer profileTrainer, TrainingData data,
            TrainingListener listener) {
        LstmRecommender lstm = training.train(DjlModelEngine.LSTM, hp, data, listener);
        try {
            Recommender profile = profileTrainer.train(data, listener);
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
            LetheBlend result = new LetheBlend(lstm, bestDays, data.events(), validationEvents(data), data.categories(), blend);
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
            try (Writer out = Files.newBufferedWriter(directory.resolve(METADATA), StandardCharsets.UTF_8)) {
                p.store(out, "Lethe blend");
            }
            try (BufferedWriter out = Files.newBufferedWriter(directory.resolve(EVENTS), StandardCharsets.UTF_8)) {
                writeEvents(out, "t", trainingEvents);
                writeEvents(out, "v", validationEvents);
            }
            // The profile part is refitted on load from the saved behaviours: it needs the items' categories too.
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

    /** One behaviour a line: split (t = training, v = validation target), user, item, type, epoch millis, value or empty. */
    private static void writeEvents(BufferedWriter out, String split, List<Behavior> events) throws IOException {
        for (Behavior b : events) {
            out.write(split + ',' + b.userId().value() + ',' + b.itemId().value() + ',' + b.type().wireName() + ','
                    + b.occurredAt().toEpochMilli() + ',' + (b.value().isPresent() ? Double.toString(b.value().getAsDouble()) : ""));
            out.newLine();
        }
    }

    static LetheBlend load(Engine engine, Path directory, int poolSize, ModelTrainer profileTrainer) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(directory.resolve(METADATA), StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new ModelEngineException("no readable " + METADATA + " in " + directory, e);
        }
        List<Behavior> training = new ArrayList<>();
        List<Behavior> validation = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(directory.resolve(EVENTS), StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",", -1);
                Behavior b = new Behavior(new EventId("e" + n++), new UserId(f[1]), new ItemId(f[2]), BehaviorType.parse(f[3]),
                        Instant.ofEpochMilli(Long.parseLong(f[4])),
                        f[5].isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(f[5])), Optional.empty());
                ("v".equals(f[0]) ? validation : training).add(b);
            }
        } catch (IOException | RuntimeException e) {
            throw new ModelEngineException("could not read " + EVENTS + " in " + directory, e);
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
            Recommender profile = profileTrainer.train(new TrainingData(lstm.catalogue(), training, List.of(), categories), TrainingListener.SILENT);
            double days = Double.parseDouble(p.getProperty("priorHalfLifeDays"));
            DecayedPopularity prior = prior(lstm.catalogue(), days, knownEvents(training, validation));
            BlendedRecommender blend = new BlendedRecommender(DjlModelEngine.LETHE, List.of(
                    new BlendedRecommender.Component(lstm, NORMALISATIONS.get(0), Double.parseDouble(p.getProperty("weight.lstm"))),
                    new BlendedRecommender.Component(profile, NORMALISATIONS.get(1), Double.parseDouble(p.getProperty("weight.profile"))),
                    new BlendedRecommender.Component(prior, NORMALISATIONS.get(2), Double.parseDouble(p.getProperty("weight.prior")))));
            return new LetheBlend(lstm, days, List.copyOf(training), List.copyOf(validation), Map.copyOf(categories), blend);
        } catch (RuntimeException e) {
            lstm.close();
            throw new ModelEngineException("could not rebuild the lethe blend from " + directory, e);
        }
    }

    @Override
    public void close() {
        lstm.close();
    }
}
