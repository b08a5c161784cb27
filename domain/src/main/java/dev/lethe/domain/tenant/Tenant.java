package dev.lethe.domain.tenant;

import dev.lethe.domain.Texts;
import java.time.Instant;
import java.util.Objects;

/** A customer of the platform whose data is isolated from every other tenant's. */
public record Tenant(TenantId id, String name, TenantKind kind, Instant createdAt) {
    /** Longest tenant name, in code points. */
    public static final int MAX_NAME_LENGTH = 200;

    public Tenant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(createdAt, "createdAt");
        Texts.requireNonBlank("tenant name", name, MAX_NAME_LENGTH);
    }
}
