package dev.lethe.adapter.persistence;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** Behaviours for tests: one user, one item per event, one minute apart unless said otherwise. */
final class Behaviors {
    static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    private Behaviors() {}

    static Behavior view(String eventId, String user, String item, Instant at) {
        return Behavior.of(new EventId(eventId), new UserId(user), new ItemId(item), BehaviorType.VIEW, at);
    }

    static Behavior rated(String eventId, String user, String item, Instant at, double value, Duration dwell) {
        return new Behavior(new EventId(eventId), new UserId(user), new ItemId(item), BehaviorType.RATE, at,
                OptionalDouble.of(value), Optional.of(dwell));
    }

    /** {@code count} views by {@code user}, event ids {@code prefix-0…}, item {@code i-<n>}, minute {@code n}. */
    static List<Behavior> views(String prefix, String user, int count) {
        List<Behavior> behaviors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            behaviors.add(view(prefix + "-" + i, user, "i-" + i, T0.plusSeconds(60L * i)));
        }
        return behaviors;
    }
}
