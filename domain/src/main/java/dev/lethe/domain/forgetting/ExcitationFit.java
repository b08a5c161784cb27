package dev.lethe.domain.forgetting;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A forgetting curve fitted as the decay of self-excitation: the curve r for which a user's rate of
 * engaging with a key is background + α·Σ r(t − tₑ) over their past engagements e with it, with its
 * statistics (α, branching ratio, background share, log-likelihood, iterations).
 */
public record ExcitationFit(ForgettingCurve curve, Map<String, Double> statistics) {
    public ExcitationFit {
        Objects.requireNonNull(curve, "curve");
        for (Map.Entry<String, Double> e : statistics.entrySet()) {
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("statistics must be finite numbers, got " + e.getKey() + " = " + e.getValue());
            }
        }
        statistics = Collections.unmodifiableMap(new TreeMap<>(statistics));
    }
}
