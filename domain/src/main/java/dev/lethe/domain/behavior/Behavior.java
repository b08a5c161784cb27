package dev.lethe.domain.behavior;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One thing a user did to an item at a moment. Structural invariants are checked here;
 * rules that depend on the clock (too old, in the future) live in {@link BehaviorPolicy}.
 *
 * @param value optional numeric value: a rating, a price, a watch fraction
 * @param dwell optional time spent on the item
 */
public record Behavior(
        EventId eventId,
        UserId userId,
        ItemId itemId,
        BehaviorType type,
        Instant occurredAt,
        OptionalDouble value,
        Optional<Duration> dwell) {

    public Behavior {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(dwell, "dwell");
        if (value.isPresent() && !Double.isFinite(value.getAsDouble())) {
            throw new IllegalArgumentException("value must be a finite number, got: " + value.getAsDouble());
        }
        if (dwell.isPresent() && dwell.get().isNegative()) {
            throw new IllegalArgumentException("dwell must not be negative, got: " + dwell.get());
        }
    }

    /** A behaviour with neither value nor dwell. */
    public static Behavior of(EventId eventId, UserId userId, ItemId itemId, BehaviorType type, Instant occurredAt) {
        return new Behavior(eventId, userId, itemId, type, occurredAt, OptionalDouble.empty(), Optional.empty());
    }
}
