package dev.lethe.application.port.in;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.ForgettingCurve;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A user's behaviours up to a moment, oldest first, and how the strongest category interests rose with
 * each behaviour and decayed between them under the curve in force for the user: the picture of forgetting.
 *
 * @param curveScope where the curve comes from: {@code user:<id>}, {@code tenant} (fitted) or {@code default}
 */
public record UserTimeline(UserId userId, Instant asOf, ForgettingCurve curve, String curveScope, List<Entry> behaviours,
                           List<Instant> moments, List<Trace> interests) {
    public UserTimeline {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(curve, "curve");
        Objects.requireNonNull(curveScope, "curveScope");
        behaviours = List.copyOf(behaviours);
        moments = List.copyOf(moments);
        interests = List.copyOf(interests);
        for (Trace trace : interests) {
            if (trace.strengths().size() != moments.size()) {
                throw new IllegalArgumentException("interests[" + trace.category() + "] must have one strength per moment");
            }
        }
    }

    /** One behaviour with the strength it added (its weight) and the categories it fed. */
    public record Entry(Behavior behaviour, double weight, Set<String> categories) {
        public Entry {
            Objects.requireNonNull(behaviour, "behaviour");
            categories = Set.copyOf(categories);
        }
    }

    /** A category interest's strength at each of the timeline's moments (just before and at each behaviour, and evenly in between). */
    public record Trace(String category, double currentStrength, List<Double> strengths) {
        public Trace {
            Objects.requireNonNull(category, "category");
            strengths = List.copyOf(strengths);
        }
    }
}
