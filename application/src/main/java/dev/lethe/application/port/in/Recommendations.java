package dev.lethe.application.port.in;

import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A ranked answer, as of a moment, with the model that produced it.
 *
 * @param coldStart true when the user had no history and popularity answered
 */
public record Recommendations(UserId userId, Instant asOf, String model, boolean coldStart, List<Item> items) {
    public Recommendations {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(model, "model");
        items = List.copyOf(items);
    }

    /** One recommended item; {@code because} is empty unless an explanation was asked for. */
    public record Item(ItemId itemId, double score, List<Reason> because) {
        public Item {
            Objects.requireNonNull(itemId, "itemId");
            because = List.copyOf(because);
        }
    }

    /**
     * A past interest behind a recommendation.
     *
     * @param kind {@code item} or {@code category}
     * @param key the item id or category name
     * @param originalStrength the strength before any forgetting
     * @param currentStrength the strength left as of the answer's moment
     */
    public record Reason(String kind, String key, double originalStrength, double currentStrength, Instant lastSeen) {}
}
