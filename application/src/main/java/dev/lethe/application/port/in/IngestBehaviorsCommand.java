package dev.lethe.application.port.in;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.tenant.TenantId;
import java.util.List;
import java.util.Objects;

/** A batch of behaviours a tenant sends; at most {@link #MAX_BATCH} per command. */
public record IngestBehaviorsCommand(TenantId tenantId, List<Behavior> behaviors) {
    public static final int MAX_BATCH = 10_000;

    public IngestBehaviorsCommand {
        Objects.requireNonNull(tenantId, "tenantId");
        behaviors = List.copyOf(behaviors);
        if (behaviors.size() > MAX_BATCH) {
            throw new IllegalArgumentException("events must hold at most " + MAX_BATCH + " entries, got " + behaviors.size());
        }
    }
}
