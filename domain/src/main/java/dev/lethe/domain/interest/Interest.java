package dev.lethe.domain.interest;

import java.time.Instant;
import java.util.Objects;

/**
 * One of a user's interests as of a moment: what it is about (an item or a category), the total weight
 * the behaviours ever gave it (original strength) and what is left of it after forgetting (current
 * strength). The data behind an explanation.
 *
 * @param originalStrength the undecayed sum of the behaviours' weights
 * @param currentStrength the decayed strength as of {@code asOf}, at most the original
 * @param behaviours how many behaviours contributed
 */
public record Interest<K>(K key, double originalStrength, double currentStrength, int behaviours, Instant firstSeen, Instant lastSeen, Instant asOf) {
    public Interest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(asOf, "asOf");
        if (!(originalStrength > 0) || !(currentStrength >= 0)) {
            throw new IllegalArgumentException("originalStrength must be positive and currentStrength non-negative, got: "
                    + originalStrength + ", " + currentStrength);
        }
        if (behaviours < 1) {
            throw new IllegalArgumentException("behaviours must be at least 1, got: " + behaviours);
        }
    }

    /** The share of the original strength still alive, in [0, 1]. */
    public double retained() {
        return Math.min(1, currentStrength / originalStrength);
    }
}
