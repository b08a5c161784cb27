package dev.lethe.domain.tenant;

import java.time.Instant;
import java.util.Objects;

/** A customer of the platform whose data is isolated from every other tenant's. */
public record Tenant(TenantId id, String name, TenantKind kind, Instant createdAt) {
    public Tenant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(createdAt, "createdAt");
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("tenant name must be 1-200 characters, got: " + name);
        }
    }
}
