package dev.lethe.application.port.in;

import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.training.Activation;
import dev.lethe.domain.training.Tuning;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to train a model of {@code family} on the tenant's whole event log, searching the
 * family's settings on the validation cases first when {@code tuning} is present.
 */
public record TrainModelCommand(TenantId tenantId, String family, Activation activation, Optional<Tuning> tuning) {

    public TrainModelCommand {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(tuning, "tuning");
        if (family == null || !family.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new IllegalArgumentException("family must be a model family name such as decayed-pop or lstm, got: " + family);
        }
    }

    /** A request without a settings search. */
    public TrainModelCommand(TenantId tenantId, String family, Activation activation) {
        this(tenantId, family, activation, Optional.empty());
    }
}
