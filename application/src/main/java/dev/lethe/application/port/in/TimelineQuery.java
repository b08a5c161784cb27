package dev.lethe.application.port.in;

import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks for a user's timeline.
 *
 * @param asOf where the timeline ends (empty: now); nothing after it is read
 * @param limit how many of the latest behaviours up to {@code asOf} to show (1 to {@link #MAX_BEHAVIOURS})
 * @param interests how many of the strongest category interests to trace (0 to {@link #MAX_INTERESTS})
 */
public record TimelineQuery(TenantId tenantId, UserId userId, Optional<Instant> asOf, int limit, int interests) {
    public static final int MAX_BEHAVIOURS = 1000;
    public static final int MAX_INTERESTS = 20;

    public TimelineQuery {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(asOf, "asOf");
        if (limit < 1 || limit > MAX_BEHAVIOURS) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_BEHAVIOURS + ", got: " + limit);
        }
        if (interests < 0 || interests > MAX_INTERESTS) {
            throw new IllegalArgumentException("interests must be between 0 and " + MAX_INTERESTS + ", got: " + interests);
        }
    }
}
