package dev.lethe.domain.model;

import static dev.lethe.domain.model.Events.context;
import static dev.lethe.domain.model.Events.day;
import static dev.lethe.domain.model.Events.event;
import static dev.lethe.domain.model.Events.score;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.ExponentialCurve;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecayedPopularityTest {
    private final Catalogue catalogue = Events.catalogue(3);

    @Test
    void countsOnlyBehavioursStrictlyBeforeTheMomentOfScoring() {
        List<Behavior> log = List.of(event("a", "0", 1), event("b", "0", 2), event("c", "1", 3), event("d", "2", 4));
        DecayedPopularity pop = DecayedPopularity.fit("pop", catalogue, Optional.empty(), log);

        assertThat(score(pop, context("x", log, 3))).containsExactly(2, 0, 0);
    }

    @Test
    void aBehaviourOneHalfLifeOldCountsHalf() {
        List<Behavior> log = List.of(event("a", "1", 10));
        DecayedPopularity pop = DecayedPopularity.fit("decayed-pop-7d", catalogue, Optional.of(ExponentialCurve.ofDays(7)), log);

        assertThat(score(pop, context("x", log, 17))[1]).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void trainerAlsoCountsTheValidationEventsWhichArePastAtTestTime() {
        List<Behavior> training = List.of(event("a", "0", 1));
        ScoringContext validationContext = context("a", training, 5);
        TrainingData data = new TrainingData(catalogue, training,
                List.of(new TrainingData.ValidationCase(validationContext, new ItemId("2"))));

        Recommender pop = DecayedPopularity.trainer("pop", Optional.empty()).train(data, TrainingListener.SILENT);

        assertThat(score(pop, new ScoringContext(new UserId("x"), List.of(), day(6)))).containsExactly(1, 0, 1);
        assertThat(score(pop, new ScoringContext(new UserId("x"), List.of(), day(5)))).containsExactly(1, 0, 0);
    }

    @Test
    void reportsItsHalfLifeInDays() {
        DecayedPopularity pop = DecayedPopularity.fit("d", catalogue, Optional.of(ExponentialCurve.ofDays(30)), List.of());

        assertThat(pop.fittedParameters().get("halfLifeDays")).isCloseTo(30.0, within(1e-9));
    }
}
