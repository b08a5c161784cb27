package dev.lethe.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScoreBreakdownTest {
    private static Contribution cooccurrence(String key, double value, double strength) {
        return new Contribution(Contribution.Kind.COOCCURRENCE, Optional.of(key), value,
                Optional.of(new Contribution.Source(2.0, strength, Instant.EPOCH)));
    }

    @Test
    void contributionsAreSortedLargestFirstWithSharesOfTheScoreAboveTheBaseline() {
        ScoreBreakdown b = new ScoreBreakdown(1.0, -1.0, List.of(cooccurrence("a", 0.5, 1), cooccurrence("b", 1.5, 1)));

        assertThat(b.contributions()).extracting(c -> c.key().orElseThrow()).containsExactly("b", "a");
        assertThat(b.share(b.contributions().get(0))).isEqualTo(0.75);
        assertThat(b.total()).isEqualTo(1.0);
    }

    @Test
    void reasonsBeyondTheMaximumAreFoldedIntoOther() {
        ScoreBreakdown b = new ScoreBreakdown(1.0, 0, List.of(cooccurrence("a", 0.5, 1), cooccurrence("b", 0.35, 1),
                cooccurrence("c", 0.1, 1), Contribution.of(Contribution.Kind.POPULARITY, Optional.empty(), 0.05)));

        ScoreBreakdown reasons = b.asReasons(2);

        assertThat(reasons.contributions()).extracting(Contribution::kind)
                .containsExactly(Contribution.Kind.COOCCURRENCE, Contribution.Kind.COOCCURRENCE, Contribution.Kind.OTHER);
        assertThat(reasons.contributions().get(2).value()).isCloseTo(0.15, within(1e-12));
        assertThat(reasons.total()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void theSameReasonFromTwoComponentsIsOne() {
        ScoreBreakdown b = new ScoreBreakdown(0.5, 0, List.of(Contribution.of(Contribution.Kind.POPULARITY, Optional.empty(), 0.2),
                Contribution.of(Contribution.Kind.POPULARITY, Optional.empty(), 0.3)));

        assertThat(b.asReasons(5).contributions()).singleElement().satisfies(c -> assertThat(c.value()).isEqualTo(0.5));
    }

    @Test
    void aFadedInterestIsFoldedEvenWhenItIsTheLargest() {
        ScoreBreakdown b = new ScoreBreakdown(1.0, 0, List.of(cooccurrence("old", 0.9, 0.05), cooccurrence("new", 0.1, 0.2)));

        assertThat(b.asReasons(5).contributions()).extracting(Contribution::kind)
                .containsExactly(Contribution.Kind.FADED, Contribution.Kind.COOCCURRENCE);
    }

    @Test
    void refusesANonFiniteContribution() {
        assertThatThrownBy(() -> Contribution.of(Contribution.Kind.MODEL, Optional.of("m"), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value");
    }
}
