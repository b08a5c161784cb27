package dev.lethe.application.port.in;

import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.tenant.TenantId;
import java.util.Objects;

/** The right to be forgotten, literally: remove a user's behaviours and what was derived from them. */
public record EraseUserCommand(TenantId tenantId, UserId userId) {
    public EraseUserCommand {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
    }
}
