package dev.lethe.domain.model;

import static dev.lethe.domain.model.Events.context;
import static dev.lethe.domain.model.Events.event;
import static dev.lethe.domain.model.Events.score;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.forgetting.ExponentialCurve;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemKnnTest {
    private static final ExponentialCurve DECAY = ExponentialCurve.ofDays(30);

    @Test
    void scoresEqualAffinityTimesCosineOfCoOccurrencesBeforeAsOf() {
        int items = 8;
        Catalogue catalogue = Events.catalogue(items);
        List<Behavior> log = Events.random(7, 60, 6, items, 100);
        ItemKnn knn = ItemKnn.fit("sar", EventLog.of(catalogue, log), DECAY);

        for (double asOf : new double[] {30, 60, 101}) {
            ScoringContext ctx = context("u0", log, asOf);
            double[] expected = bruteForce(log, ctx, items);
            double[] actual = score(knn, ctx);
            for (int j = 0; j < items; j++) {
                assertThat(actual[j]).as("item %d as of day %s", j, asOf).isCloseTo(expected[j], within(1e-9));
            }
        }
    }

    @Test
    void coOccurrenceCompletedAfterAsOfDoesNotCount() {
        Catalogue catalogue = Events.catalogue(3);
        List<Behavior> log = List.of(event("me", "0", 1), event("other", "0", 2), event("other", "1", 10));
        ItemKnn knn = ItemKnn.fit("sar", EventLog.of(catalogue, log), DECAY);

        assertThat(score(knn, context("me", log, 5))[1]).isZero();
        assertThat(score(knn, context("me", log, 11))[1]).isPositive();
    }

    /** Σ_i a(i) C(i,j) / sqrt(C(i,i) C(j,j)) with C counting users holding both items before asOf. */
    private static double[] bruteForce(List<Behavior> log, ScoringContext ctx, int items) {
        Map<String, boolean[]> held = new HashMap<>();
        for (Behavior b : log) {
            if (b.occurredAt().isBefore(ctx.asOf())) {
                held.computeIfAbsent(b.userId().value(), u -> new boolean[items])[Integer.parseInt(b.itemId().value())] = true;
            }
        }
        double[][] c = new double[items][items];
        for (boolean[] h : held.values()) {
            for (int i = 0; i < items; i++) {
                for (int j = 0; j < items; j++) {
                    if (h[i] && h[j]) {
                        c[i][j]++;
                    }
                }
            }
        }
        double[] affinity = new double[items];
        for (Behavior b : ctx.history()) {
            affinity[Integer.parseInt(b.itemId().value())] +=
                    DECAY.retention((ctx.asOf().toEpochMilli() - b.occurredAt().toEpochMilli()) / 1000.0);
        }
        double[] scores = new double[items];
        for (int j = 0; j < items; j++) {
            for (int i = 0; i < items; i++) {
                if (c[i][i] > 0 && c[j][j] > 0) {
                    scores[j] += affinity[i] * c[i][j] / Math.sqrt(c[i][i] * c[j][j]);
                }
            }
        }
        return scores;
    }
}
