package dev.lethe.domain.registry;

import dev.lethe.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One trained, registered model artifact of a tenant. Exactly one version per tenant is active.
 *
 * @param version unique within the tenant, e.g. {@code 3}
 * @param family the model family, e.g. {@code decayed-pop}, {@code lstm}, {@code lethe}
 * @param engine what computes it, e.g. {@code java}, {@code mxnet}, {@code pytorch}
 * @param metrics validation metrics by name (ndcg@10, hr@10, …)
 * @param artifactLocation where the artifact lives in the artifact store (empty for models with no files)
 */
public record ModelVersion(
        TenantId tenantId,
        int version,
        String family,
        String engine,
        Map<String, Double> metrics,
        String artifactLocation,
        boolean active,
        Instant createdAt) {
    public ModelVersion {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(artifactLocation, "artifactLocation");
        Objects.requireNonNull(createdAt, "createdAt");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, got: " + version);
        }
        metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
    }

    /** The same version with the active flag set to {@code flag}. */
    public ModelVersion withActive(boolean flag) {
        return new ModelVersion(tenantId, version, family, engine, metrics, artifactLocation, flag, createdAt);
    }
}
