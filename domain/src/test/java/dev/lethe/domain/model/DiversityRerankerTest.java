package dev.lethe.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiversityRerankerTest {
    // Three action films first, then a comedy and a documentary with lower scores.
    private static final double[] SCORES = {0.9, 0.8, 0.7, 0.6, 0.5};
    private static final List<Set<String>> CATEGORIES = List.of(
            Set.of("action"), Set.of("action"), Set.of("action"), Set.of("comedy"), Set.of("documentary"));

    @Test
    void lambdaZeroKeepsThePoolOrder() {
        Random random = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + random.nextInt(40);
            double[] raw = new double[n];
            for (int i = 0; i < n; i++) {
                raw[i] = random.nextInt(5); // many ties
            }
            int[] pool = TopK.select(raw, n, null);
            double[] scores = new double[n];
            List<Set<String>> categories = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                scores[i] = raw[pool[i]];
                categories.add(random.nextBoolean() ? Set.of("a") : Set.of("a", "b"));
            }
            int k = 1 + random.nextInt(n);
            int[] expected = new int[k];
            for (int i = 0; i < k; i++) {
                expected[i] = i;
            }
            assertThat(DiversityReranker.rerank(scores, categories, k, 0)).containsExactly(expected);
        }
    }

    @Test
    void lambdaOnePicksOneItemOfEachCategoryBeforeRepeatingOne() {
        assertThat(DiversityReranker.rerank(SCORES, CATEGORIES, 3, 1)).containsExactly(0, 3, 4);
    }

    @Test
    void aMiddleLambdaTradesScoreForNovelty() {
        // After "action" at 0.9, the second action film (relevance 0.75, similarity 1) loses to the
        // comedy (relevance 0.25, similarity 0) once λ > 1/3: 0.5·0.75 − 0.5 < 0.5·0.25.
        assertThat(DiversityReranker.rerank(SCORES, CATEGORIES, 2, 0.5)).containsExactly(0, 3);
        assertThat(DiversityReranker.rerank(SCORES, CATEGORIES, 2, 0.25)).containsExactly(0, 1);
    }

    @Test
    void breaksTiesByEarlierPoolPosition() {
        double[] equal = {1, 1, 1, 1};
        List<Set<String>> categories = List.of(Set.of("x"), Set.of("x"), Set.of("y"), Set.of("y"));
        assertThat(DiversityReranker.rerank(equal, categories, 4, 0.5)).containsExactly(0, 2, 1, 3);
    }

    @Test
    void itemsWithoutCategoriesAreDissimilarToEverything() {
        List<Set<String>> categories = List.of(Set.of("action"), Set.of("action"), Set.of(), Set.of("comedy"), Set.of());
        assertThat(DiversityReranker.rerank(SCORES, categories, 3, 1)).containsExactly(0, 2, 3);
    }

    @Test
    void returnsTheWholePoolWhenKExceedsIt() {
        assertThat(DiversityReranker.rerank(SCORES, CATEGORIES, 10, 0.5)).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void jaccardIsSharedOverUnion() {
        assertThat(DiversityReranker.jaccard(Set.of("a", "b", "c"), Set.of("b", "c", "d"))).isEqualTo(0.5);
        assertThat(DiversityReranker.jaccard(Set.of(), Set.of())).isZero();
    }

    @Test
    void intraListDiversityIsTheMeanPairwiseDissimilarity() {
        // pairs: (a, a) 0, (a, b) 1, (a, b) 1
        assertThat(DiversityReranker.intraListDiversity(List.of(Set.of("a"), Set.of("a"), Set.of("b")))).isEqualTo(2.0 / 3);
        assertThat(DiversityReranker.intraListDiversity(List.of(Set.of("a")))).isZero();
    }

    @Test
    void refusesALambdaOutsideZeroToOne() {
        assertThatThrownBy(() -> DiversityReranker.rerank(SCORES, CATEGORIES, 3, 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda");
        assertThatThrownBy(() -> DiversityReranker.rerank(SCORES, CATEGORIES, 3, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda");
    }
}
