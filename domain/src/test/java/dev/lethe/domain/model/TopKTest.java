package dev.lethe.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class TopKTest {

    @Test
    void returnsBestScoresFirst() {
        double[] scores = {0.1, 0.9, 0.5, 0.7};
        assertThat(TopK.select(scores, 2, new BitSet())).containsExactly(1, 3);
    }

    @Test
    void breaksTiesByLowerIndex() {
        double[] scores = {0.5, 0.9, 0.5, 0.5};
        assertThat(TopK.select(scores, 3, new BitSet())).containsExactly(1, 0, 2);
    }

    @Test
    void skipsExcludedIndices() {
        double[] scores = {0.1, 0.9, 0.5, 0.7};
        BitSet excluded = new BitSet();
        excluded.set(1);
        assertThat(TopK.select(scores, 2, excluded)).containsExactly(3, 2);
    }

    @Test
    void returnsFewerThanKWhenFewerAreEligible() {
        double[] scores = {0.1, Double.NEGATIVE_INFINITY, 0.5};
        assertThat(TopK.select(scores, 10, null)).containsExactly(2, 0);
    }

    @Test
    void rankOfAgreesWithSelectionIncludingTies() {
        double[] scores = {0.5, 0.9, 0.5, 0.5, 0.2};
        int[] top = TopK.select(scores, 5, null);
        for (int rank = 0; rank < top.length; rank++) {
            assertThat(TopK.rankOf(scores, top[rank], null)).isEqualTo(rank);
        }
    }

    @Test
    void rejectsNonPositiveK() {
        assertThatThrownBy(() -> TopK.select(new double[] {1}, 0, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k");
    }
}
