package dev.lethe.domain.model;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a model may use to score the catalogue for one user: the user's history up to the
 * moment of scoring, in time order, and that moment. Nothing after {@code asOf} may be used.
 */
public record ScoringContext(UserId userId, List<Behavior> history, Instant asOf) {
    public ScoringContext {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(asOf, "asOf");
        history = List.copyOf(history);
        for (Behavior b : history) {
            if (b.occurredAt().isAfter(asOf)) {
                throw new IllegalArgumentException("history must not contain behaviour after asOf " + asOf + ": " + b.eventId());
            }
        }
    }
}
