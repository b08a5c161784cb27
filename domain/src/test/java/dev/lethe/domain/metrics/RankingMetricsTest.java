package dev.lethe.domain.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lethe.domain.behavior.ItemId;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {
    private static final double EPS = 1e-12;

    private static List<ItemId> list(String... ids) {
        return Stream.of(ids).map(ItemId::new).toList();
    }

    private static Set<ItemId> set(String... ids) {
        return Set.copyOf(list(ids));
    }

    @Test
    void hitAtThirdPlaceScoresByTheHandComputedFormulas() {
        List<ItemId> ranked = list("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        Set<ItemId> relevant = set("c");

        assertThat(RankingMetrics.hitRate(ranked, relevant, 10)).isEqualTo(1.0);
        assertThat(RankingMetrics.ndcg(ranked, relevant, 10)).isCloseTo(0.5, within(EPS)); // 1 / log2(3 + 1)
        assertThat(RankingMetrics.reciprocalRank(ranked, relevant, 10)).isCloseTo(1.0 / 3, within(EPS));
        assertThat(RankingMetrics.precision(ranked, relevant, 10)).isCloseTo(0.1, within(EPS));
        assertThat(RankingMetrics.recall(ranked, relevant, 10)).isCloseTo(1.0, within(EPS));
        assertThat(RankingMetrics.f1(ranked, relevant, 10)).isCloseTo(2 * 0.1 / 1.1, within(EPS));
    }

    @Test
    void relevantItemBelowTheCutOffIsAMissOnEveryMetric() {
        List<ItemId> ranked = list("a", "b", "c", "d");
        Set<ItemId> relevant = set("d");

        assertThat(RankingMetrics.hitRate(ranked, relevant, 3)).isZero();
        assertThat(RankingMetrics.ndcg(ranked, relevant, 3)).isZero();
        assertThat(RankingMetrics.reciprocalRank(ranked, relevant, 3)).isZero();
        assertThat(RankingMetrics.precision(ranked, relevant, 3)).isZero();
        assertThat(RankingMetrics.recall(ranked, relevant, 3)).isZero();
        assertThat(RankingMetrics.f1(ranked, relevant, 3)).isZero();
    }

    @Test
    void kLargerThanTheListStillDividesPrecisionByK() {
        List<ItemId> ranked = list("a", "b");
        Set<ItemId> relevant = set("b");

        assertThat(RankingMetrics.hitRate(ranked, relevant, 10)).isEqualTo(1.0);
        assertThat(RankingMetrics.ndcg(ranked, relevant, 10)).isCloseTo(1 / (Math.log(3) / Math.log(2)), within(EPS));
        assertThat(RankingMetrics.precision(ranked, relevant, 10)).isCloseTo(0.1, within(EPS));
    }

    @Test
    void ndcgWithTwoRelevantItemsIsNormalisedByTheIdealList() {
        List<ItemId> ranked = list("a", "b", "c", "d");
        Set<ItemId> relevant = set("a", "c");
        double dcg = 1 + 1 / (Math.log(4) / Math.log(2));
        double ideal = 1 + 1 / (Math.log(3) / Math.log(2));

        assertThat(RankingMetrics.ndcg(ranked, relevant, 3)).isCloseTo(dcg / ideal, within(EPS));
        assertThat(RankingMetrics.recall(ranked, relevant, 3)).isCloseTo(1.0, within(EPS));
        assertThat(RankingMetrics.precision(ranked, relevant, 3)).isCloseTo(2.0 / 3, within(EPS));
    }

    @Test
    void emptyListIsAMiss() {
        assertThat(RankingMetrics.ndcg(List.of(), set("a"), 10)).isZero();
        assertThat(RankingMetrics.firstHit(List.of(), set("a"), 10)).isEqualTo(-1);
    }

    @Test
    void nonPositiveKIsRejected() {
        assertThatThrownBy(() -> RankingMetrics.hitRate(list("a"), set("a"), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k");
    }

    @Test
    void emptyRelevantSetIsRejected() {
        assertThatThrownBy(() -> RankingMetrics.ndcg(list("a"), Set.of(), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relevant");
    }
}
