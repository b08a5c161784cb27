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
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code lethe} model: the time-aware LSTM's short-term intent blended with a time-decayed
 * popularity prior whose half-life is fitted on the validation split, the weights fitted there too.
 * Saved as {@code lstm/} (the LSTM artifact), {@code lethe.properties} (half-life, weights) and
 * {@code events.csv} (the behaviours the prior counts: training events and validation targets;
 * the prior is refitted from them on load).
 */
final class LetheBlend implements Recommender, AutoCloseable {
    static final double[] HALF_LIVES_DAYS = {1, 3, 7, 14, 30, 60, 120, 180, 365};
    static final String PRIOR = "decayed-pop";
    /** LSTM logits become log-probabilities, the prior's decayed counts log-shares: the blend is a product of experts. */
    static final List<BlendedRecommender.Normalisation> NORMALISATIONS =
            List.of(BlendedRecommender.Normalisation.LOG_SOFTMAX, BlendedRecommender.Normalisation.LOG_SHARE);
    private static final Logger LOG = LoggerFactory.getLogger(LetheBlend.class);
    private static final String METADATA = "lethe.properties";
    private static final String EVENTS = "events.csv";
    private static final String LSTM_DIR = "lstm";

    private final LstmRecommender lstm;
    private final double halfLifeDays;
    private final List<Behavior> priorEvents;
    private final BlendedRecommender blend;

    private LetheBlend(LstmRecommender lstm, double halfLifeDays, List<Behavior> priorEvents, BlendedRecommender blend) {
        this.lstm = lstm;
        this.halfLifeDays = halfLifeDays;
        this.priorEvents = priorEvents;
        this.blend = blend;
    }

    static LetheBlend train(LstmTraining training, LstmHyperParameters hp, TrainingData data, TrainingListener listener) {
        LstmRecommender lstm = training.train(DjlModelEngine.LSTM, hp, data, listener);
        try {
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
            BlendedRecommender blend = BlendedRecommender.fit("lethe", List.of(lstm, prior), NORMALISATIONS, data.validation());
            LetheBlend result = new LetheBlend(lstm, bestDays, List.copyOf(known), blend);
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
        List<Behavior> known = new ArrayList<>();
        for (Behavior b : data.events()) {
            if (data.catalogue().indexOf(b.itemId()).isPresent()) {
                known.add(b);
            }
        }
        int n = 0;
        for (TrainingData.ValidationCase c : data.validation()) {
            if (data.catalogue().indexOf(c.target()).isPresent()) {
                known.add(Behavior.of(new EventId("validation-" + n++), c.context().userId(), c.target(), BehaviorType.VIEW,
                        c.context().asOf()));
            }
        }
        return known;
    }

    private static DecayedPopularity prior(Catalogue catalogue, double halfLifeDays, List<Behavior> events) {
        return DecayedPopularity.fit(PRIOR, catalogue, Optional.of(ExponentialCurve.ofDays(halfLifeDays)), events);
    }

    /** The fitted weights, in component order (LSTM, prior). */
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
            p.setProperty("weight.prior", Double.toString(w.get(1)));
            try (Writer out = Files.newBufferedWriter(directory.resolve(METADATA), StandardCharsets.UTF_8)) {
                p.store(out, "Lethe blend");
            }
            try (BufferedWriter out = Files.newBufferedWriter(directory.resolve(EVENTS), StandardCharsets.UTF_8)) {
                for (Behavior b : priorEvents) {
                    out.write(b.itemId().value());
                    out.write(',');
                    out.write(Long.toString(b.occurredAt().toEpochMilli()));
                    out.newLine();
                }
            }
        } catch (IOException e) {
            throw new ModelEngineException("could not save the lethe model to " + directory, e);
        }
    }

    static LetheBlend load(Engine engine, Path directory, int poolSize) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(directory.resolve(METADATA), StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new ModelEngineException("no readable " + METADATA + " in " + directory, e);
        }
        List<Behavior> events = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(directory.resolve(EVENTS), StandardCharsets.UTF_8)) {
            UserId user = new UserId("prior");
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                int comma = line.indexOf(',');
                events.add(Behavior.of(new EventId("e" + n++), user, new ItemId(line.substring(0, comma)), BehaviorType.VIEW,
                        Instant.ofEpochMilli(Long.parseLong(line.substring(comma + 1)))));
            }
        } catch (IOException | RuntimeException e) {
            throw new ModelEngineException("could not read " + EVENTS + " in " + directory, e);
        }
        LstmRecommender lstm = LstmArtifacts.load(engine, DjlModelEngine.LSTM, directory.resolve(LSTM_DIR), poolSize);
        double days = Double.parseDouble(p.getProperty("priorHalfLifeDays"));
        DecayedPopularity prior = prior(lstm.catalogue(), days, events);
        BlendedRecommender blend = new BlendedRecommender(DjlModelEngine.LETHE, List.of(
                new BlendedRecommender.Component(lstm, NORMALISATIONS.get(0), Double.parseDouble(p.getProperty("weight.lstm"))),
                new BlendedRecommender.Component(prior, NORMALISATIONS.get(1), Double.parseDouble(p.getProperty("weight.prior")))));
        return new LetheBlend(lstm, days, List.copyOf(events), blend);
    }

    @Override
    public void close() {
        lstm.close();
    }
}
