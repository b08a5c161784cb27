package dev.lethe.adapter.ml;

import ai.djl.Model;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.Contribution;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.ScoreBreakdown;
import dev.lethe.domain.model.ScoringContext;
import java.util.List;
import java.util.Optional;

/**
 * A trained LSTM as a {@link Recommender}: scores are the network's logits for the item after the
 * user's recent sequence as of the request. Safe for concurrent calls (a predictor pool); closing it
 * frees the native memory of the network.
 */
final class LstmRecommender implements Recommender, AutoCloseable {
    private final String family;
    private final String engineName;
    private final Catalogue catalogue;
    private final LstmHyperParameters hp;
    private final Model model;
    private final SequenceEncoder encoder;
    private final PredictorPool pool;
    private final TrainingSummary summary;

    /** How training went: the epoch whose parameters were kept and its validation NDCG@10. */
    record TrainingSummary(int bestEpoch, double validationNdcg, int epochs, double seconds, double sequencesPerSecond) {}

    LstmRecommender(String family, String engineName, Catalogue catalogue, LstmHyperParameters hp, Model model,
            int poolSize, TrainingSummary summary) {
        this.family = family;
        this.engineName = engineName;
        this.catalogue = catalogue;
        this.hp = hp;
        this.model = model;
        this.summary = summary;
        this.encoder = new SequenceEncoder(catalogue, hp.maxLength(), hp.windowsPerUser(), hp.timeFeatures());
        this.pool = new PredictorPool(model, new SequenceTranslator(DjlArrays.indexType(model.getNDManager().getEngine()), hp.timeFeatures()), poolSize);
    }

    @Override
    public String name() {
        return family;
    }

    @Override
    public Catalogue catalogue() {
        return catalogue;
    }

    @Override
    public void score(ScoringContext context, double[] scores) {
        float[] logits = pool.predict(encoder.forServing(context.history(), context.asOf()));
        for (int i = 0; i < logits.length; i++) {
            scores[i] = logits[i];
        }
    }

    /** The network says no finer reasons: its score is the short-term intent it reads from the recent sequence. */
    @Override
    public List<ScoreBreakdown> explain(ScoringContext context, int[] items) {
        return ScoreBreakdown.wholeScores(this, Contribution.Kind.SEQUENCE, Optional.of(family), context, items);
    }

    String engineName() {
        return engineName;
    }

    LstmHyperParameters hyperParameters() {
        return hp;
    }

    Model model() {
        return model;
    }

    TrainingSummary summary() {
        return summary;
    }

    @Override
    public void close() {
        pool.close();
        model.close();
    }
}
