package dev.lethe.application.port.in;

import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.tenant.TenantId;
import java.util.Objects;

/** Asks for a user's decayed interest profile as of now. */
public record InterestsQuery(TenantId tenantId, UserId userId) {
    public InterestsQuery {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
    }
}
