package dev.lethe.domain.training;

import java.time.Instant;
import java.util.Objects;

/**
 * The claim one process holds on a running job: only {@code owner} may run it, until {@code expiresAt};
 * the owner keeps renewing it while it runs, so an expired lease means the owner stopped.
 *
 * @param owner the process, e.g. {@code host:pid:uuid}
 */
public record JobLease(String owner, Instant expiresAt) {
    public static final int MAX_OWNER_LENGTH = 200;

    public JobLease {
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (owner == null || owner.isBlank() || owner.length() > MAX_OWNER_LENGTH) {
            throw new IllegalArgumentException("owner must be 1-" + MAX_OWNER_LENGTH + " characters, got: " + owner);
        }
    }

    /** True when the owner has not renewed it in time. */
    public boolean expiredAt(Instant now) {
        return expiresAt.isBefore(now);
    }
}
