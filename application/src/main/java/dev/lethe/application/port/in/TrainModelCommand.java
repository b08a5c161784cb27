package dev.lethe.application.port.in;

import dev.lethe.domain.tenant.TenantId;
import java.util.Objects;

/** A request to train a model of {@code family} on the tenant's whole event log. */
public record TrainModelCommand(TenantId tenantId, String family, Activation activation) {

    /** What happens to the new version once registered. */
    public enum Activation {
        /** Activate when its validation NDCG@10 is at least the active version's (or none is active). */
        IF_BETTER,
        /** Always activate. */
        ALWAYS,
        /** Register only; activate later by hand. */
        NEVER
    }

    public TrainModelCommand {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(activation, "activation");
        if (family == null || !family.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new IllegalArgumentException("family must be a model family name such as decayed-pop or lstm, got: " + family);
        }
    }
}
