package dev.lethe.application.port.in;

import java.util.List;
import java.util.Objects;

/**
 * What re-ranking one model's top k for category diversity costs in accuracy: per diversity weight λ,
 * NDCG@k and HR@k of the held-out item and the mean intra-list diversity of the top k.
 */
public record DiversityTradeOff(String model, int k, int testCases, List<Point> points) {
    public DiversityTradeOff {
        Objects.requireNonNull(model, "model");
        points = List.copyOf(points);
    }

    /** One λ: accuracy and the mean pairwise category dissimilarity (1 − Jaccard) of each top k. */
    public record Point(double lambda, double ndcg, double hitRate, double intraListDiversity) {}
}
