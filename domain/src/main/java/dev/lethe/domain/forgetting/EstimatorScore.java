package dev.lethe.domain.forgetting;

import java.util.Objects;

/**
 * How well one way of estimating the forgetting curve predicted the held-out future of every user's
 * behaviour stream (the last share of each user's window, everything before it as history).
 *
 * @param estimator {@code excitation} (self-exciting rate) or {@code return-time} (hazard of the next behaviour)
 * @param family the curve family
 * @param learned false for the reference curve whose half-life is fixed, not fitted
 * @param heldOutLogLikelihoodPerEvent the predictive log-likelihood per held-out behaviour (higher is better)
 */
public record EstimatorScore(String estimator, CurveFamily family, boolean learned, double halfLifeSeconds,
        double heldOutLogLikelihoodPerEvent, boolean selected) {
    public EstimatorScore {
        Objects.requireNonNull(estimator, "estimator");
        Objects.requireNonNull(family, "family");
    }

    /** {@code <estimator>.<family>}, or {@code <estimator>.fixed-<family>} for the reference. */
    public String key() {
        return estimator + "." + (learned ? "" : "fixed-") + family.wireName();
    }
}
