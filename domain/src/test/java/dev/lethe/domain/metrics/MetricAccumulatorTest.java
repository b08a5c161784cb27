package dev.lethe.domain.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lethe.domain.behavior.ItemId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricAccumulatorTest {
    private static final ItemId A = new ItemId("a");
    private static final ItemId B = new ItemId("b");
    private static final ItemId C = new ItemId("c");

    @Test
    void averagesOverUsersCountingAMissAsZero() {
        MetricAccumulator acc = new MetricAccumulator(2);
        acc.add(List.of(A, B), Set.of(A)); // hit at 1
        acc.add(List.of(A, C), Set.of(C)); // hit at 2
        acc.add(List.of(A, B), Set.of(C)); // miss

        MetricSummary s = acc.summary(10);

        assertThat(s.users()).isEqualTo(3);
        assertThat(s.hitRate()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(s.ndcg()).isCloseTo((1 + 1 / (Math.log(3) / Math.log(2))) / 3, within(1e-12));
        assertThat(s.mrr()).isCloseTo((1 + 0.5) / 3, within(1e-12));
        assertThat(s.hitRateCurve()).containsExactly(1.0 / 3, 2.0 / 3);
    }

    @Test
    void coverageIsDistinctRecommendedItemsOverCatalogueSize() {
        MetricAccumulator acc = new MetricAccumulator(2);
        acc.add(List.of(A, B, C), Set.of(A)); // only the first two count
        acc.add(List.of(B, A), Set.of(A));

        assertThat(acc.summary(8).coverage()).isCloseTo(2.0 / 8, within(1e-12));
    }

    @Test
    void noUsersGiveZerosRatherThanNaN() {
        MetricSummary s = new MetricAccumulator(5).summary(3);

        assertThat(s.users()).isZero();
        assertThat(s.ndcg()).isZero();
        assertThat(s.hitRate()).isZero();
    }
}
