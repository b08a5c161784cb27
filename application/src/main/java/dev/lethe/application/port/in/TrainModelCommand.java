package dev.lethe.application.port.in;

import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.training.Activation;
import java.util.Objects;

/** A request to train a model of {@code family} on the tenant's whole event log. */
public record TrainModelCommand(TenantId tenantId, String family, Activation activation) {

    public TrainModelCommand {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(activation, "activation");
        if (family == null || !family.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new IllegalArgumentException("family must be a model family name such as decayed-pop or lstm, got: " + family);
        }
    }
}
