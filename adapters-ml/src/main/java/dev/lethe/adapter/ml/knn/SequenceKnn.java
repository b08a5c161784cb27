package dev.lethe.adapter.ml.knn;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.ScoringContext;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Sequence-aware item-kNN, the {@value KnnModelEngine#SEQ_KNN} family: item j is a neighbour of item i
 * when users reached j within a few steps after i (weight 1/steps, normalised by both items'
 * frequencies, the best {@code neighbours} kept per item). A user's score for j sums the neighbour
 * weights from their last {@code recent} items, the newest counting most (halving per step back); the
 * items' training frequency, scaled below any neighbour weight, orders what no neighbour reaches.
 * Immutable, so safe for concurrent scoring.
 */
final class SequenceKnn implements Recommender {
    /** The popularity tie-breaker is scaled below this, which is below any neighbour weight that matters. */
    static final double PRIOR_SCALE = 1e-6;

    private final Catalogue catalogue;
    private final KnnSettings settings;
    /** Neighbours of item i are {@code neighbour[start[i]] … neighbour[start[i + 1] - 1]}, best first. */
    private final int[] start;
    private final int[] neighbour;
    private final double[] weight;
    /** How often each item occurs in the training behaviours. */
    private final double[] frequency;

    SequenceKnn(Catalogue catalogue, KnnSettings settings, int[] start, int[] neighbour, double[] weight, double[] frequency) {
        if (start.length != catalogue.size() + 1 || frequency.length != catalogue.size()) {
            throw new IllegalArgumentException("start and frequency must follow the catalogue of " + catalogue.size() + " items");
        }
        if (neighbour.length != weight.length || start[catalogue.size()] != neighbour.length) {
            throw new IllegalArgumentException("neighbour and weight must hold the " + start[catalogue.size()] + " neighbours start names");
        }
        this.catalogue = catalogue;
        this.settings = settings;
        this.start = start;
        this.neighbour = neighbour;
        this.weight = weight;
        this.frequency = frequency;
    }

    @Override
    public String name() {
        return KnnModelEngine.SEQ_KNN;
    }

    @Override
    public Catalogue catalogue() {
        return catalogue;
    }

    KnnSettings settings() {
        return settings;
    }

    int[] start() {
        return start;
    }

    int[] neighbour() {
        return neighbour;
    }

    double[] weight() {
        return weight;
    }

    double[] frequency() {
        return frequency;
    }

    @Override
    public void score(ScoringContext context, double[] scores) {
        int n = catalogue.size();
        double maxFrequency = 1;
        for (double f : frequency) {
            maxFrequency = Math.max(maxFrequency, f);
        }
        for (int j = 0; j < n; j++) {
            scores[j] = PRIOR_SCALE * frequency[j] / maxFrequency;
        }
        // Items served after training lie past the trained catalogue: they keep no score of their own.
        Arrays.fill(scores, n, scores.length, 0.0);
        List<Behavior> history = context.history();
        double recency = 1;
        int used = 0;
        for (int h = history.size() - 1; h >= 0 && used < settings.recent(); h--) {
            OptionalInt source = catalogue.indexOf(history.get(h).itemId());
            if (source.isEmpty()) {
                continue;
            }
            int i = source.getAsInt();
            for (int k = start[i]; k < start[i + 1]; k++) {
                scores[neighbour[k]] += recency * weight[k];
            }
            recency /= 2;
            used++;
        }
    }
}
