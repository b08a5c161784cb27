package dev.lethe.domain.forgetting;

import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.UserId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Every curve fitted on one tenant's log at one level: the tenant curve, one per behaviour type that
 * had enough returns, and one per user shrunk toward the tenant curve; with the estimator that produced
 * them and the held-out scores of every candidate it was chosen among (empty when there was no choice).
 */
public record CurveFitReport(ReengagementLevel level, String estimator, FittedCurve tenant, Map<BehaviorType, FittedCurve> byType,
        Map<UserId, UserCurve> users, List<EstimatorScore> candidates) {
    public CurveFitReport {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(estimator, "estimator");
        Objects.requireNonNull(tenant, "tenant");
        byType = byType.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(byType));
        users = Collections.unmodifiableMap(new TreeMap<>(users));
        candidates = List.copyOf(candidates);
    }

    /** A report of the return-time estimator alone. */
    public CurveFitReport(ReengagementLevel level, FittedCurve tenant, Map<BehaviorType, FittedCurve> byType, Map<UserId, UserCurve> users) {
        this(level, ForgettingEstimator.RETURN_TIME, tenant, byType, users, List.of());
    }

    /**
     * The fitted curves by the scope names the curve repository stores them under:
     * {@code tenant} and {@code type:<behaviour type>}.
     */
    public Map<String, FittedCurve> byScope() {
        Map<String, FittedCurve> scopes = new LinkedHashMap<>();
        scopes.put("tenant", tenant);
        byType.forEach((type, fit) -> scopes.put("type:" + type.wireName(), fit));
        return Collections.unmodifiableMap(scopes);
    }

    /** The curve for {@code user}: their shrunk curve, else the tenant curve. */
    public ForgettingCurve curveFor(UserId user) {
        UserCurve c = users.get(user);
        return c == null ? tenant.curve() : c.curve();
    }
}
