package dev.lethe.domain.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One part of a recommended item's score: what produced it (its kind and, where there is one, the
 * interest, category or model it names) and how much of the score it is.
 *
 * @param key the user's item (co-occurrence), the category, or the model; empty for popularity and the folded kinds
 * @param value the part of the score; the contributions of a {@link ScoreBreakdown} add up to its score above the baseline
 * @param interest the user's interest behind it, for the kinds that name one
 */
public record Contribution(Kind kind, Optional<String> key, double value, Optional<Source> interest) {

    /** What a contribution comes from; {@link #wireName()} is the API's spelling. */
    public enum Kind {
        /** Other users who were into the user's item {@code key} were also into this item, within a few steps of their sequence. */
        COOCCURRENCE("co-occurrence"),
        /** The item's text (title, tags, categories) is like that of the user's item {@code key} (the content component). */
        CONTENT("content"),
        /** The user's own interest in the item's category {@code key}, times the item's popularity. */
        CATEGORY("category"),
        /** How popular the item is now (decayed popularity: what is trending). */
        POPULARITY("popularity"),
        /** The sequence model's short-term intent from the user's recent sequence; {@code key} names the model. */
        SEQUENCE("sequence"),
        /** The whole score of a model that says no finer reasons; {@code key} names it. */
        MODEL("model"),
        /** Interests whose current strength is under the reason floor, summed: they moved the score but are not offered as reasons. */
        FADED("faded"),
        /** The smaller contributions beyond those listed, summed. */
        OTHER("other"),
        /** Nothing scored the item above the baseline: it fills the list. */
        NONE("none");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        /** The API's spelling. */
        public String wireName() {
            return wireName;
        }
    }

    /** The interest behind a contribution: its strength before and after forgetting, as of the score's moment. */
    public record Source(double originalStrength, double currentStrength, Instant lastSeen) {
        public Source {
            Objects.requireNonNull(lastSeen, "lastSeen");
        }
    }

    public Contribution {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(interest, "interest");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, got: " + value);
        }
    }

    /** A contribution that names no interest. */
    public static Contribution of(Kind kind, Optional<String> key, double value) {
        return new Contribution(kind, key, value, Optional.empty());
    }

    /** This contribution with another value (a share of a larger score moved into a blend). */
    public Contribution withValue(double other) {
        return new Contribution(kind, key, other, interest);
    }
}
