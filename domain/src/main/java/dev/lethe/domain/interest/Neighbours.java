package dev.lethe.domain.interest;

/**
 * Which items co-occurred with which in users' sequences, as of a moment: what the profile recommender's
 * co-occurrence score reads. Item indices are catalogue indices.
 */
sealed interface Neighbours permits TimedNeighbours, CompactNeighbours {

    /** Number of items (indices 0 .. items−1) this holds co-occurrences for. */
    int items();

    /** Adds {@code strength} × (share of item j's co-occurrences known as of {@code asOfMillis} that were with i) to {@code out[i]}. */
    void spread(int j, long asOfMillis, double strength, double[] out);

    /** The share of item j's co-occurrences known as of {@code asOfMillis} that were with {@code target}; 0 when none. */
    double share(int j, int target, long asOfMillis);
}
