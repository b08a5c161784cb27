package dev.lethe.domain.forgetting;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A forgetting curve fitted on re-engagement data, with its statistics (parameters, standard errors
 * as {@code se.<name>}, log-likelihoods, held-out scores per family, goodness of fit) and the binned
 * empirical retention next to the fitted one.
 */
public record FittedCurve(ForgettingCurve curve, Map<String, Double> statistics, List<RetentionPoint> retentionPoints) {
    public FittedCurve {
        Objects.requireNonNull(curve, "curve");
        for (Map.Entry<String, Double> e : statistics.entrySet()) {
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("statistics must be finite numbers, got " + e.getKey() + " = " + e.getValue());
            }
        }
        statistics = Collections.unmodifiableMap(new TreeMap<>(statistics));
        retentionPoints = List.copyOf(retentionPoints);
    }

    /** The family of the curve. */
    public CurveFamily family() {
        return CurveFamily.of(curve);
    }

    /** A statistic by name, if it was computed (standard errors are absent where the information was singular). */
    public java.util.OptionalDouble statistic(String name) {
        Double v = statistics.get(name);
        return v == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(v);
    }

    /**
     * The plot of this fit: for each elapsed-time bin, where to draw it, the observed share and the
     * fitted r(Δt) on the same grid (the same as {@link #retentionPoints()}, named for the plotting caller).
     */
    public List<RetentionPoint> retentionPlot() {
        return retentionPoints;
    }
}
