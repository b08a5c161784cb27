package dev.lethe.application.port.out;

import dev.lethe.domain.forgetting.ForgettingCurve;
import dev.lethe.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** Fitted forgetting curves per tenant and scope. Blocks; throws {@link PersistenceException}. */
public interface ForgettingCurveRepository {

    /**
     * A stored curve.
     *
     * @param scope what it was fitted on: {@code tenant}, {@code type:<behaviour type>} or {@code user:<user id>}
     * @param statistics goodness of fit and uncertainty (log-likelihood, standard errors, observations)
     */
    record StoredCurve(String scope, ForgettingCurve curve, Map<String, Double> statistics, Instant fittedAt) {
        public StoredCurve {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(curve, "curve");
            Objects.requireNonNull(fittedAt, "fittedAt");
            statistics = java.util.Collections.unmodifiableMap(new TreeMap<>(statistics));
        }
    }

    /** Replaces the curve of {@code curve.scope()}. */
    void save(TenantId tenantId, StoredCurve curve);

    /** The curve of a scope. */
    Optional<StoredCurve> find(TenantId tenantId, String scope);

    /** Every curve of the tenant. */
    List<StoredCurve> list(TenantId tenantId);
}
