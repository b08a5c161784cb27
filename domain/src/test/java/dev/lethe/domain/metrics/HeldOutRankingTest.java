package dev.lethe.domain.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.ScoringContext;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class HeldOutRankingTest {
    private static final UserId USER = new UserId("u");
    private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");
    private final Catalogue catalogue = Catalogue.of(Stream.of("1", "2", "10", "20").map(ItemId::new).toList());

    private static ScoringContext historyOf(String... items) {
        List<Behavior> history = Stream.of(items)
                .map(i -> Behavior.of(new EventId("e" + i), USER, new ItemId(i), BehaviorType.VIEW, T.minusSeconds(60)))
                .toList();
        return new ScoringContext(USER, history, T);
    }

    @Test
    void tiesGoToTheNumericallyLowerItemId() {
        double[] scores = {1, 1, 1, 1}; // items 1, 2, 10, 20

        List<ItemId> top = HeldOutRanking.topK(catalogue, scores, historyOf(), 3);

        assertThat(top).extracting(ItemId::value).containsExactly("1", "2", "10");
    }

    @Test
    void historyItemsAreNeverRecommended() {
        double[] scores = {5, 4, 3, 2};

        List<ItemId> top = HeldOutRanking.topK(catalogue, scores, historyOf("1", "10"), 10);

        assertThat(top).extracting(ItemId::value).containsExactly("2", "20");
    }

    @Test
    void heldOutItemAlreadyConsumedCountsAsAMiss() {
        double[] scores = {5, 4, 3, 2};
        ScoringContext context = historyOf("1");

        List<ItemId> top = HeldOutRanking.topK(catalogue, scores, context, 10);

        assertThat(RankingMetrics.hitRate(top, Set.of(new ItemId("1")), 10)).isZero();
    }
}
