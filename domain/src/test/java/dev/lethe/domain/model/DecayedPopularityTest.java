package dev.lethe.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.ExponentialCurve;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecayedPopularityTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final ItemId OLD = new ItemId("old");
    private static final ItemId NEW = new ItemId("new");

    private static Behavior event(int n, ItemId item, Instant at) {
        return Behavior.of(new EventId("e" + n), new UserId("u" + n), item, BehaviorType.VIEW, at);
    }

    private final List<Behavior> log = List.of(
            event(1, OLD, T0), event(2, OLD, T0), event(3, NEW, T0.plus(Duration.ofDays(10))));
    private final Catalogue catalogue = Catalogue.of(List.of(OLD, NEW));

    private double[] scoresAt(Optional<ExponentialCurve> curve, Instant asOf) {
        DecayedPopularity model = DecayedPopularity.fit("m", catalogue, curve.map(c -> c), log);
        double[] scores = new double[catalogue.size()];
        model.score(new ScoringContext(new UserId("q"), List.of(), asOf), scores);
        return scores;
    }

    @Test
    void eachBehaviourLosesHalfItsWeightPerHalfLife() {
        double[] scores = scoresAt(Optional.of(ExponentialCurve.ofDays(10)), T0.plus(Duration.ofDays(20)));
        assertThat(scores[catalogue.indexOf(OLD).getAsInt()]).isCloseTo(2 * 0.25, within(1e-9));
        assertThat(scores[catalogue.indexOf(NEW).getAsInt()]).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void behavioursAtOrAfterTheScoringMomentDoNotCount() {
        double[] scores = scoresAt(Optional.empty(), T0.plus(Duration.ofDays(10)));
        assertThat(scores[catalogue.indexOf(OLD).getAsInt()]).isEqualTo(2.0);
        assertThat(scores[catalogue.indexOf(NEW).getAsInt()]).isEqualTo(0.0);
    }

    @Test
    void recentItemOvertakesOnceOldInterestHasFaded() {
        double[] early = scoresAt(Optional.of(ExponentialCurve.ofDays(10)), T0.plus(Duration.ofDays(11)));
        double[] late = scoresAt(Optional.of(ExponentialCurve.ofDays(2)), T0.plus(Duration.ofDays(11)));
        assertThat(early[catalogue.indexOf(OLD).getAsInt()]).isGreaterThan(early[catalogue.indexOf(NEW).getAsInt()]);
        assertThat(late[catalogue.indexOf(NEW).getAsInt()]).isGreaterThan(late[catalogue.indexOf(OLD).getAsInt()]);
    }

    @Test
    void trainerAlsoCountsTheValidationEventsWhichArePastAtTestTime() {
        Catalogue three = Events.catalogue(3);
        List<Behavior> training = List.of(Events.event("a", "0", 1));
        TrainingData data = new TrainingData(three, training,
                List.of(new TrainingData.ValidationCase(Events.context("a", training, 5), new ItemId("2"))));

        Recommender pop = DecayedPopularity.trainer("pop", Optional.empty()).train(data, TrainingListener.SILENT);

        assertThat(Events.score(pop, new ScoringContext(new UserId("x"), List.of(), Events.day(6)))).containsExactly(1, 0, 1);
        assertThat(Events.score(pop, new ScoringContext(new UserId("x"), List.of(), Events.day(5)))).containsExactly(1, 0, 0);
    }

    @Test
    void reportsItsHalfLifeInDays() {
        DecayedPopularity pop = DecayedPopularity.fit("d", catalogue, Optional.of(ExponentialCurve.ofDays(30)), List.of());

        assertThat(pop.fittedParameters().get("halfLifeDays")).isCloseTo(30.0, within(1e-9));
    }

    @Test
    void checkpointedScoresEqualReadingTheWholeLog() {
        Catalogue items = Events.catalogue(20);
        List<Behavior> events = Events.random(5, 5 * DecayedPopularity.CHECKPOINT_EVENTS + 77, 30, 20, 500);
        for (Optional<ExponentialCurve> curve : List.of(Optional.<ExponentialCurve>empty(), Optional.of(ExponentialCurve.ofDays(3)))) {
            DecayedPopularity model = DecayedPopularity.fit("m", items, curve.map(c -> c), events);
            for (double day : new double[] {0.5, 77.7, 250, 499.99, 600}) {
                double[] expected = new double[items.size()];
                for (Behavior b : events) {
                    if (b.occurredAt().isBefore(Events.day(day))) {
                        expected[items.indexOf(b.itemId()).getAsInt()] +=
                                curve.map(c -> c.retention(java.time.Duration.between(b.occurredAt(), Events.day(day)))).orElse(1.0);
                    }
                }
                double[] actual = Events.score(model, new ScoringContext(new UserId("q"), List.of(), Events.day(day)));
                for (int i = 0; i < expected.length; i++) {
                    assertThat(actual[i]).as("item %d on day %s with %s", i, day, curve).isCloseTo(expected[i], within(1e-9 * (1 + expected[i])));
                }
            }
        }
    }
}
