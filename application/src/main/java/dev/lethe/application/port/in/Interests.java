package dev.lethe.application.port.in;

import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.ForgettingCurve;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A user's interest profile as of a moment: decayed strengths per category and per item, strongest
 * first, and the forgetting curve that decayed them.
 *
 * @param curveScope where the curve comes from: {@code user:<id>}, {@code tenant} (fitted) or {@code default}
 */
public record Interests(UserId userId, Instant asOf, ForgettingCurve curve, String curveScope,
                        List<Strength> categories, List<Strength> items) {
    public Interests {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(curve, "curve");
        Objects.requireNonNull(curveScope, "curveScope");
        categories = List.copyOf(categories);
        items = List.copyOf(items);
    }

    /**
     * One interest.
     *
     * @param key a category name or an item id
     * @param originalStrength the summed weight of the behaviours before any forgetting
     * @param currentStrength what is left of it as of the profile's moment
     * @param events how many behaviours contributed
     */
    public record Strength(String key, double originalStrength, double currentStrength, Instant lastSeen, int events) {
        public Strength {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(lastSeen, "lastSeen");
        }
    }
}
