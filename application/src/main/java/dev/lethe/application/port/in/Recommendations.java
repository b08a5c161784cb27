package dev.lethe.application.port.in;

import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.model.Contribution;
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

    /**
     * One recommended item; {@code because} and {@code contributions} are empty unless an explanation was asked for.
     *
     * @param because the past interests among the contributions (the user's co-occurring items and categories), in their order
     * @param contributions what produced the score: {@code score = baseline + Σ value}, largest first; never empty when explained
     * @param baseline the part of the score no reason is given for (0 for the profile; the catalogue mean for a blend)
     */
    public record Item(ItemId itemId, double score, List<Reason> because, List<Contribution> contributions, double baseline) {
        public Item {
            Objects.requireNonNull(itemId, "itemId");
            because = List.copyOf(because);
            contributions = List.copyOf(contributions);
        }

        /** An item without explanation. */
        public Item(ItemId itemId, double score) {
            this(itemId, score, List.of(), List.of(), 0);
        }
    }

    /**
     * A past interest behind a recommendation.
     *
     * @param kind {@code item} (the user's item that co-occurred with the recommended one) or {@code category}
     * @param key the item id or category name
     * @param originalStrength the strength before any forgetting
     * @param currentStrength the strength left as of the answer's moment
     */
    public record Reason(String kind, String key, double originalStrength, double currentStrength, Instant lastSeen) {}
}
