package dev.lethe.domain.tenant;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One API key of a tenant as anyone may see it: its id and life, never the key or its hash. A tenant
 * may hold several active keys at once, so a key can be rotated without downtime.
 *
 * @param id the first {@value #ID_LENGTH} characters of the key's SHA-256 hash ({@link #idOf})
 * @param revokedAt when it stopped working; empty while active
 */
public record ApiKey(String id, TenantId tenantId, Instant createdAt, Optional<Instant> revokedAt) {
    public static final int ID_LENGTH = 12;
    private static final Pattern ID = Pattern.compile("[0-9a-f]{" + ID_LENGTH + "}");

    public ApiKey {
        requireId(id);
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }

    /** True until revoked. */
    public boolean active() {
        return revokedAt.isEmpty();
    }

    /** The id of the key with this (lower-case hex SHA-256) hash. */
    public static String idOf(String keyHash) {
        if (keyHash == null || keyHash.length() < ID_LENGTH) {
            throw new IllegalArgumentException("keyHash must be a hex SHA-256 hash");
        }
        return requireId(keyHash.substring(0, ID_LENGTH));
    }

    /** Returns {@code id} when it is well-formed, else throws naming {@code keyId}. */
    public static String requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("keyId must be " + ID_LENGTH + " lower-case hex characters, got: "
                    + (id == null ? "null" : '"' + (id.length() > 40 ? id.substring(0, 40) + "…" : id) + '"'));
        }
        return id;
    }
}
