package dev.lethe.adapter.ml.knn;

import dev.lethe.application.port.out.ModelEnginePort;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingListener;
import dev.lethe.domain.sequence.ValidationRanking;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A model engine in plain Java, the worked example of a second {@link ModelEnginePort} behind the same
 * port as DJL (docs/extending.md): it trains the {@value #SEQ_KNN} family ({@link SequenceKnn}) in one
 * pass over the log, in seconds for millions of behaviours and without native code, and saves it as
 * {@link KnnArtifacts}. Its registry versions carry the engine name {@value #ENGINE}; it loads no other
 * engine's artifact, and no other engine loads its.
 */
final class KnnModelEngine implements ModelEnginePort {
    /** The engine name recorded in the registry. */
    static final String ENGINE = "knn";
    /** The one family this engine trains. */
    static final String SEQ_KNN = "seq-knn";
    /** The metric reported after training: NDCG@10 on the validation cases. */
    static final String VALIDATION_NDCG = "validation_ndcg@10";
    private static final int PROGRESS_EVERY = 10_000;

    private final KnnSettings settings;

    KnnModelEngine(KnnSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public Set<String> families() {
        return Set.of(SEQ_KNN);
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public Recommender train(String family, TrainingData data, TrainingListener listener) {
        checkFamily(family);
        Objects.requireNonNull(data, "data");
        TrainingListener l = listener == null ? TrainingListener.SILENT : listener;
        Catalogue catalogue = data.catalogue();
        int n = catalogue.size();
        // Each user's items in time order (the events come in time order).
        Map<UserId, List<Integer>> sequences = new LinkedHashMap<>();
        double[] frequency = new double[n];
        for (Behavior b : data.events()) {
            OptionalInt index = catalogue.indexOf(b.itemId());
            if (index.isPresent()) {
                sequences.computeIfAbsent(b.userId(), u -> new ArrayList<>()).add(index.getAsInt());
                frequency[index.getAsInt()]++;
            }
        }
        List<Map<Integer, Double>> follows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            follows.add(new HashMap<>());
        }
        long done = 0;
        for (List<Integer> sequence : sequences.values()) {
            for (int p = 0; p < sequence.size(); p++) {
                int from = sequence.get(p);
                for (int d = 1; d <= settings.window() && p + d < sequence.size(); d++) {
                    int to = sequence.get(p + d);
                    if (to != from) {
                        follows.get(from).merge(to, 1.0 / d, Double::sum);
                    }
                }
            }
            if (++done % PROGRESS_EVERY == 0) {
                l.progress("co-occurrences", done, sequences.size(), "");
            }
        }
        SequenceKnn model = keepBest(catalogue, follows, frequency);
        l.progress("co-occurrences", sequences.size(), sequences.size(), "neighbours of " + n + " items");
        if (!data.validation().isEmpty()) {
            l.metric(VALIDATION_NDCG, 1, ValidationRanking.meanNdcg(model, data.validation(), 10));
        }
        return model;
    }

    /** Normalises each follower count by both items' frequencies and keeps the best per item (ties: lower index). */
    private SequenceKnn keepBest(Catalogue catalogue, List<Map<Integer, Double>> follows, double[] frequency) {
        int n = catalogue.size();
        int[] start = new int[n + 1];
        List<int[]> kept = new ArrayList<>(n);
        List<double[]> keptWeights = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int from = i;
            List<Map.Entry<Integer, Double>> ranked = new ArrayList<>(follows.get(i).entrySet());
            ranked.replaceAll(e -> Map.entry(e.getKey(), e.getValue() / Math.sqrt(frequency[from] * frequency[e.getKey()])));
            ranked.sort(Map.Entry.<Integer, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            int size = Math.min(settings.neighbours(), ranked.size());
            int[] ids = new int[size];
            double[] weights = new double[size];
            for (int k = 0; k < size; k++) {
                ids[k] = ranked.get(k).getKey();
                weights[k] = ranked.get(k).getValue();
            }
            kept.add(ids);
            keptWeights.add(weights);
            start[i + 1] = start[i] + size;
        }
        int[] neighbour = new int[start[n]];
        double[] weight = new double[start[n]];
        for (int i = 0; i < n; i++) {
            System.arraycopy(kept.get(i), 0, neighbour, start[i], kept.get(i).length);
            System.arraycopy(keptWeights.get(i), 0, weight, start[i], keptWeights.get(i).length);
        }
        return new SequenceKnn(catalogue, settings, start, neighbour, weight, frequency);
    }

    @Override
    public void save(Recommender model, Path directory) {
        if (!(model instanceof SequenceKnn knn)) {
            throw new IllegalArgumentException("model must be one trained by the " + ENGINE + " engine, got: "
                    + (model == null ? "null" : model.name() + " (" + model.getClass().getSimpleName() + ")"));
        }
        KnnArtifacts.save(knn, directory);
    }

    @Override
    public Recommender load(String family, Path directory) {
        checkFamily(family);
        return KnnArtifacts.load(directory);
    }

    private void checkFamily(String family) {
        if (!SEQ_KNN.equals(family)) {
            throw new IllegalArgumentException("family must be one of " + families() + " for the " + ENGINE + " engine, got: " + family);
        }
    }
}
