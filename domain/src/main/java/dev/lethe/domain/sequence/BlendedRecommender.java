package dev.lethe.domain.sequence;

import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.model.TrainingData.ValidationCase;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * The blend: a weighted sum of several recommenders' scores, each first standardised per request
 * (z-score over the catalogue) so that logits, counts and decayed strengths become comparable.
 * Weights are fitted on validation cases by coordinate search on NDCG@10.
 */
public final class BlendedRecommender implements Recommender {
    /** The weights tried for each component during coordinate search. */
    static final double[] GRID = {0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 8};
    private static final int ROUNDS = 3;
    private static final int K = 10;

    private final String name;
    private final List<Component> components;
    private final Catalogue catalogue;

    /** One blended model and its weight. */
    public record Component(Recommender model, double weight) {
        public Component {
            Objects.requireNonNull(model, "model");
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight must be finite and non-negative, got: " + weight);
            }
        }
    }

    /** A blend of {@code components}, which must all rank the same catalogue. */
    public BlendedRecommender(String name, List<Component> components) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (components == null || components.isEmpty()) {
            throw new IllegalArgumentException("components must not be empty");
        }
        Catalogue first = components.get(0).model().catalogue();
        for (Component c : components) {
            if (!c.model().catalogue().items().equals(first.items())) {
                throw new IllegalArgumentException("components must share one catalogue; " + c.model().name() + " differs");
            }
        }
        this.name = name;
        this.components = List.copyOf(components);
        this.catalogue = first;
    }

    /**
     * Fits the weights of {@code models} on {@code validation}: the first model keeps weight 1, the
     * others are set one at a time to the grid value with the best mean NDCG@10, for a few rounds.
     */
    public static BlendedRecommender fit(String name, List<Recommender> models, List<ValidationCase> validation) {
        if (models == null || models.isEmpty()) {
            throw new IllegalArgumentException("models must not be empty");
        }
        Catalogue catalogue = models.get(0).catalogue();
        int n = catalogue.size();
        int m = models.size();
        List<float[][]> normalised = new ArrayList<>(validation.size());
        int[] targets = new int[validation.size()];
        List<BitSet> excluded = new ArrayList<>(validation.size());
        double[] buffer = new double[n];
        for (int v = 0; v < validation.size(); v++) {
            ValidationCase c = validation.get(v);
            float[][] perModel = new float[m][];
            for (int j = 0; j < m; j++) {
                models.get(j).score(c.context(), buffer);
                standardise(buffer, n);
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = (float) buffer[i];
                }
                perModel[j] = f;
            }
            normalised.add(perModel);
            targets[v] = ValidationRanking.target(catalogue, c);
            excluded.add(ValidationRanking.consumed(catalogue, c.context().history()));
        }
        double[] weights = new double[m];
        weights[0] = 1.0;
        double best = evaluate(weights, normalised, targets, excluded, n);
        for (int round = 0; round < ROUNDS && m > 1; round++) {
            boolean changed = false;
            for (int j = 1; j < m; j++) {
                double keep = weights[j];
                for (double w : GRID) {
                    weights[j] = w;
                    double ndcg = evaluate(weights, normalised, targets, excluded, n);
                    if (ndcg > best + 1e-12) {
                        best = ndcg;
                        keep = w;
                        changed = true;
                    }
                }
                weights[j] = keep;
            }
            if (!changed) {
                break;
            }
        }
        List<Component> components = new ArrayList<>(m);
        for (int j = 0; j < m; j++) {
            components.add(new Component(models.get(j), weights[j]));
        }
        return new BlendedRecommender(name, components);
    }

    private static double evaluate(double[] weights, List<float[][]> normalised, int[] targets, List<BitSet> excluded, int n) {
        if (normalised.isEmpty()) {
            return 0.0;
        }
        double[] scores = new double[n];
        double sum = 0;
        for (int v = 0; v < normalised.size(); v++) {
            java.util.Arrays.fill(scores, 0.0);
            float[][] perModel = normalised.get(v);
            for (int j = 0; j < weights.length; j++) {
                double w = weights[j];
                if (w != 0) {
                    float[] f = perModel[j];
                    for (int i = 0; i < n; i++) {
                        scores[i] += w * f[i];
                    }
                }
            }
            sum += ValidationRanking.ndcg(scores, targets[v], excluded.get(v), K);
        }
        return sum / normalised.size();
    }

    /** Rescales {@code s[0..n)} to mean 0 and standard deviation 1; a constant array becomes all zeros. */
    static void standardise(double[] s, int n) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += s[i];
        }
        mean /= n;
        double var = 0;
        for (int i = 0; i < n; i++) {
            double d = s[i] - mean;
            var += d * d;
        }
        double sd = Math.sqrt(var / n);
        for (int i = 0; i < n; i++) {
            s[i] = sd > 0 ? (s[i] - mean) / sd : 0.0;
        }
    }

    /** The blended components with their fitted weights. */
    public List<Component> components() {
        return components;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Catalogue catalogue() {
        return catalogue;
    }

    @Override
    public void score(ScoringContext context, double[] scores) {
        int n = catalogue.size();
        java.util.Arrays.fill(scores, 0, n, 0.0);
        double[] part = new double[n];
        for (Component c : components) {
            if (c.weight() == 0) {
                continue;
            }
            c.model().score(context, part);
            standardise(part, n);
            for (int i = 0; i < n; i++) {
                scores[i] += c.weight() * part[i];
            }
        }
    }
}
