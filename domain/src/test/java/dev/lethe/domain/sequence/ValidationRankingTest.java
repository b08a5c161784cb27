package dev.lethe.domain.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class ValidationRankingTest {
    @Test
    void targetRankedFirstScoresOne() {
        assertThat(ValidationRanking.ndcg(new double[] {0.1, 0.9, 0.5}, 1, new BitSet(), 10)).isEqualTo(1.0);
    }

    @Test
    void secondPlaceScoresOneOverLogTwoOfThree() {
        assertThat(ValidationRanking.ndcg(new double[] {0.1, 0.9, 0.5}, 2, new BitSet(), 10))
                .isCloseTo(1 / (Math.log(3) / Math.log(2)), within(1e-12));
    }

    @Test
    void excludedItemsDoNotCountAboveTheTarget() {
        BitSet excluded = new BitSet();
        excluded.set(1);
        assertThat(ValidationRanking.ndcg(new double[] {0.1, 0.9, 0.5}, 2, excluded, 10)).isEqualTo(1.0);
    }

    @Test
    void excludedTargetIsAMiss() {
        BitSet excluded = new BitSet();
        excluded.set(1);
        assertThat(ValidationRanking.ndcg(new double[] {0.1, 0.9, 0.5}, 1, excluded, 10)).isZero();
    }

    @Test
    void targetBeyondKIsAMiss() {
        assertThat(ValidationRanking.ndcg(new double[] {0.3, 0.2, 0.1}, 2, new BitSet(), 2)).isZero();
    }
}
