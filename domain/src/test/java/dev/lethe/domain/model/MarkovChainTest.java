package dev.lethe.domain.model;

import static dev.lethe.domain.model.Events.context;
import static dev.lethe.domain.model.Events.event;
import static dev.lethe.domain.model.Events.score;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lethe.domain.behavior.Behavior;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkovChainTest {
    private final Catalogue catalogue = Events.catalogue(4);

    @Test
    void countsTransitionsFromTheLastItemThatEndedBeforeAsOf() {
        List<Behavior> log = List.of(
                event("a", "0", 1), event("a", "1", 2),
                event("b", "0", 3), event("b", "1", 4),
                event("c", "0", 5), event("c", "2", 20),
                event("me", "0", 6));
        MarkovChain markov = MarkovChain.fit("markov", EventLog.of(catalogue, log));

        double[] scores = score(markov, context("me", log, 10));

        assertThat(Math.floor(scores[1])).isEqualTo(2);
        assertThat(Math.floor(scores[2])).isZero(); // c's 0 -> 2 happens on day 20
    }

    @Test
    void popularityAsOfTheMomentOrdersItemsWithoutTransitionsButNeverOutweighsOne() {
        List<Behavior> log = List.of(event("a", "3", 1), event("b", "3", 2), event("c", "2", 3), event("me", "0", 4),
                event("d", "0", 5), event("d", "1", 6));
        MarkovChain markov = MarkovChain.fit("markov", EventLog.of(catalogue, log));

        double[] scores = score(markov, context("me", log, 7));

        assertThat(scores[3]).isGreaterThan(scores[2]).isLessThan(1);
        assertThat(scores[1]).isGreaterThan(1).isCloseTo(1 + 1.0 / 7, within(1e-12));
    }
}
