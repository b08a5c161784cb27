package dev.lethe.adapter.ml.knn;

import java.util.Properties;

/**
 * The settings of a {@link SequenceKnn}: how many steps ahead a follower counts ({@code window}), how many
 * neighbours each item keeps, and how many of the user's latest items score.
 */
record KnnSettings(int window, int neighbours, int recent) {
    KnnSettings {
        if (window < 1 || window > 50) {
            throw new IllegalArgumentException("window must be between 1 and 50, got: " + window);
        }
        if (neighbours < 1 || neighbours > 10_000) {
            throw new IllegalArgumentException("neighbours must be between 1 and 10000, got: " + neighbours);
        }
        if (recent < 1 || recent > 100) {
            throw new IllegalArgumentException("recent must be between 1 and 100, got: " + recent);
        }
    }

    /** Three steps ahead, 100 neighbours, the last five items. */
    static KnnSettings defaults() {
        return new KnnSettings(3, 100, 5);
    }

    void writeTo(Properties p) {
        p.setProperty("window", Integer.toString(window));
        p.setProperty("neighbours", Integer.toString(neighbours));
        p.setProperty("recent", Integer.toString(recent));
    }

    static KnnSettings readFrom(Properties p) {
        return new KnnSettings(Integer.parseInt(p.getProperty("window", "")), Integer.parseInt(p.getProperty("neighbours", "")),
                Integer.parseInt(p.getProperty("recent", "")));
    }
}
