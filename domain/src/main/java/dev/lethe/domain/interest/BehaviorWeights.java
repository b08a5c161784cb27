package dev.lethe.domain.interest;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.tenant.TenantKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How much one behaviour adds to an interest: a weight per behaviour type, scaled by the rating
 * (for rate behaviours) and by the dwell time when the client sent one. Configurable per tenant;
 * {@link #defaults(TenantKind)} gives each tenant kind's.
 *
 * @param typeWeights a positive weight for every behaviour type
 * @param ratingPivot the rating that leaves the weight unchanged (e.g. 3 on a 0.5–5 scale)
 * @param ratingSlope how much each rating point above the pivot adds to the factor (≥ 0)
 * @param dwellReferenceSeconds the dwell at which the dwell factor is 1 + ln 2
 * @param maxFactor the largest factor the rating or the dwell may apply (≥ 1); the smallest is 1 / maxFactor
 */
public record BehaviorWeights(Map<BehaviorType, Double> typeWeights, double ratingPivot, double ratingSlope,
        double dwellReferenceSeconds, double maxFactor) {

    public BehaviorWeights {
        Objects.requireNonNull(typeWeights, "typeWeights");
        for (BehaviorType type : BehaviorType.values()) {
            Double w = typeWeights.get(type);
            if (w == null || !(w > 0) || w.isInfinite()) {
                throw new IllegalArgumentException("typeWeights must give every behaviour type a positive finite weight, got "
                        + type.wireName() + " = " + w);
            }
        }
        typeWeights = Collections.unmodifiableMap(new EnumMap<>(typeWeights));
        if (!Double.isFinite(ratingPivot)) {
            throw new IllegalArgumentException("ratingPivot must be finite, got: " + ratingPivot);
        }
        if (!(ratingSlope >= 0) || Double.isInfinite(ratingSlope)) {
            throw new IllegalArgumentException("ratingSlope must be finite and non-negative, got: " + ratingSlope);
        }
        if (!(dwellReferenceSeconds > 0) || Double.isInfinite(dwellReferenceSeconds)) {
            throw new IllegalArgumentException("dwellReferenceSeconds must be positive and finite, got: " + dwellReferenceSeconds);
        }
        if (!(maxFactor >= 1) || Double.isInfinite(maxFactor)) {
            throw new IllegalArgumentException("maxFactor must be at least 1 and finite, got: " + maxFactor);
        }
    }

    /**
     * The defaults of a tenant kind. Every kind keeps view &lt; click &lt; add-to-cart &lt; purchase; video
     * values a watch above a click, finance values a trade (purchase) far above looking.
     */
    public static BehaviorWeights defaults(TenantKind kind) {
        Map<BehaviorType, Double> w = new EnumMap<>(BehaviorType.class);
        for (BehaviorType type : BehaviorType.values()) {
            w.put(type, type.baseWeight());
        }
        switch (kind) {
            case VIDEO:
                w.put(BehaviorType.WATCH, 5.0);
                w.put(BehaviorType.SHARE, 4.0);
                w.put(BehaviorType.RATE, 4.0);
                break;
            case FINANCE:
                w.put(BehaviorType.LIKE, 2.0);
                w.put(BehaviorType.SHARE, 2.0);
                w.put(BehaviorType.WATCH, 2.0);
                w.put(BehaviorType.ADD_TO_CART, 5.0);
                w.put(BehaviorType.PURCHASE, 10.0);
                break;
            default:
                break;
        }
        return new BehaviorWeights(w, 3.0, 0.2, 30.0, 3.0);
    }

    /** The weight one behaviour adds to its item's and categories' interests; always positive. */
    public double weight(Behavior behavior) {
        double w = typeWeights.get(behavior.type());
        if (behavior.type() == BehaviorType.RATE && behavior.value().isPresent()) {
            w *= bounded(1 + ratingSlope * (behavior.value().getAsDouble() - ratingPivot));
        }
        if (behavior.dwell().isPresent()) {
            double seconds = behavior.dwell().get().toMillis() / 1000.0;
            w *= bounded(1 + Math.log1p(seconds / dwellReferenceSeconds));
        }
        return w;
    }

    private double bounded(double factor) {
        return Math.max(1 / maxFactor, Math.min(maxFactor, factor));
    }
}
