package dev.lethe.domain.behavior;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/** The clock- and range-dependent rules an incoming behaviour must pass before it is stored. */
public final class BehaviorPolicy {
    /** Nothing before 1990 is plausible behaviour data. */
    public static final Instant EARLIEST = ZonedDateTime.of(1990, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant();
    /** Clients' clocks drift; more than a day ahead is a bug on their side. */
    public static final Duration MAX_FUTURE_SKEW = Duration.ofDays(1);
    /** Largest accepted absolute value (ratings, prices, fractions all fit). */
    public static final double MAX_ABS_VALUE = 1_000_000_000d;
    /** Longest accepted dwell. */
    public static final Duration MAX_DWELL = Duration.ofDays(1);

    private BehaviorPolicy() {}

    /** Why {@code behavior} must be rejected as of {@code now}, or empty when it is acceptable. */
    public static Optional<Rejection> check(Behavior behavior, Instant now) {
        if (behavior.occurredAt().isBefore(EARLIEST)) {
            return Optional.of(new Rejection("timestamp", "timestamp_too_old", "timestamp must not be before 1990-01-01T00:00:00Z"));
        }
        if (behavior.occurredAt().isAfter(now.plus(MAX_FUTURE_SKEW))) {
            return Optional.of(new Rejection("timestamp", "timestamp_in_future", "timestamp must not be more than one day in the future"));
        }
        if (behavior.value().isPresent() && Math.abs(behavior.value().getAsDouble()) > MAX_ABS_VALUE) {
            return Optional.of(new Rejection("value", "value_out_of_range", "value must be within ±" + (long) MAX_ABS_VALUE));
        }
        if (behavior.type() == BehaviorType.RATE && behavior.value().isEmpty()) {
            return Optional.of(new Rejection("value", "value_required", "a rate behaviour needs a value"));
        }
        if (behavior.dwell().isPresent() && behavior.dwell().get().compareTo(MAX_DWELL) > 0) {
            return Optional.of(new Rejection("dwellMs", "dwell_out_of_range", "dwell must not exceed one day"));
        }
        return Optional.empty();
    }

    /** The reason one behaviour was refused: the field at fault, a stable code and a human sentence. */
    public record Rejection(String field, String code, String detail) {}
}
