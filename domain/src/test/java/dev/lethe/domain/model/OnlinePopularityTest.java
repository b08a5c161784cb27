package dev.lethe.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.forgetting.ForgettingCurve;
import dev.lethe.domain.forgetting.PowerLawCurve;
import dev.lethe.domain.forgetting.TwoPhaseCurve;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OnlinePopularityTest {
    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final long DAY = 86_400_000L;
    private static final int ITEMS = 50;

    /** A shuffled log over 400 days: arrival order is not time order, as with late events. */
    private static List<Behavior> log(long seed) {
        Random random = new Random(seed);
        List<Behavior> events = new ArrayList<>();
        for (int e = 0; e < 3_000; e++) {
            events.add(Behavior.of(new EventId("e" + e), new UserId("u" + random.nextInt(40)), new ItemId(Integer.toString(random.nextInt(ITEMS))),
                    BehaviorType.VIEW, Instant.ofEpochMilli(T0 + (long) (random.nextDouble() * 400 * DAY))));
        }
        return events;
    }

    private static Catalogue catalogue() {
        List<ItemId> ids = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            ids.add(new ItemId(Integer.toString(i)));
        }
        return Catalogue.of(ids);
    }

    private static OnlinePopularity online(Optional<ForgettingCurve> curve, Catalogue catalogue, List<Behavior> events, long now) {
        OnlinePopularity p = new OnlinePopularity(curve, catalogue.size());
        for (Behavior b : events) {
            p.record(catalogue.indexOf(b.itemId()).getAsInt(), b.occurredAt().toEpochMilli(), now);
        }
        return p;
    }

    private static double[] batch(Optional<ForgettingCurve> curve, Catalogue catalogue, List<Behavior> events, long asOf) {
        double[] scores = new double[catalogue.size()];
        DecayedPopularity.fit("b", catalogue, curve, events).score(new ScoringContext(new UserId("q"), List.of(), Instant.ofEpochMilli(asOf)), scores);
        return scores;
    }

    @Test
    void equalsTheBatchScoreForExponentialTwoPhaseAndPlainCounts() {
        Catalogue catalogue = catalogue();
        List<Behavior> events = log(1);
        long now = T0 + 401 * DAY;
        for (Optional<ForgettingCurve> curve : List.of(Optional.<ForgettingCurve>empty(), Optional.<ForgettingCurve>of(ExponentialCurve.ofDays(0.5)),
                Optional.<ForgettingCurve>of(ExponentialCurve.ofDays(30)), Optional.<ForgettingCurve>of(new TwoPhaseCurve(86_400, 90 * 86_400, 0.7)))) {
            OnlinePopularity p = online(curve, catalogue, events, now);
            for (long asOf : new long[] {now, now + 3 * DAY}) {
                double[] expected = batch(curve, catalogue, events, asOf);
                double[] actual = new double[catalogue.size()];
                p.score(asOf, actual, actual.length);
                for (int i = 0; i < actual.length; i++) {
                    assertThat(actual[i]).as("%s item %d", curve, i).isCloseTo(expected[i], within(1e-9 * Math.max(1, expected[i])));
                }
            }
        }
    }

    @Test
    void approximatesThePowerLawClosely() {
        Catalogue catalogue = catalogue();
        List<Behavior> events = log(2);
        long now = T0 + 401 * DAY;
        Optional<ForgettingCurve> curve = Optional.of(new PowerLawCurve(1.0, 10));
        double[] expected = batch(curve, catalogue, events, now);
        double[] actual = new double[catalogue.size()];
        online(curve, catalogue, events, now).score(now, actual, actual.length);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], within(0.01 * expected[i]));
        }
    }

    @Test
    void behavioursNotBeforeTheScoringMomentWaitForIt() {
        OnlinePopularity p = new OnlinePopularity(Optional.empty(), 2);
        p.record(0, T0, T0 + 1);
        p.record(1, T0 + DAY, T0 + 1);
        double[] scores = new double[2];
        p.score(T0 + DAY, scores, 2);
        assertThat(scores).containsExactly(1.0, 0.0);
        p.score(T0 + DAY + 1, scores, 2);
        assertThat(scores).containsExactly(1.0, 1.0);
    }

    @Test
    void growsWithNewItemsAndSurvivesAFarFutureWithoutOverflow() {
        OnlinePopularity p = new OnlinePopularity(Optional.of(ExponentialCurve.ofDays(0.01)), 1);
        p.record(0, T0, Long.MAX_VALUE);
        p.record(5, T0 + 365 * DAY, Long.MAX_VALUE);
        double[] scores = new double[6];
        p.score(T0 + 365 * DAY + 1, scores, 6);
        assertThat(p.size()).isEqualTo(6);
        assertThat(scores[0]).isZero();
        assertThat(scores[5]).isCloseTo(1.0, within(1e-6));
        assertThat(java.util.Arrays.stream(scores).allMatch(Double::isFinite)).isTrue();
    }

    @Test
    void writtenStateReadsBackToTheSameScores() throws IOException {
        Catalogue catalogue = catalogue();
        long now = T0 + 300 * DAY;
        Optional<ForgettingCurve> curve = Optional.of(ExponentialCurve.ofDays(7));
        OnlinePopularity p = online(curve, catalogue, log(3), now);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        p.write(new DataOutputStream(bytes));
        OnlinePopularity back = OnlinePopularity.read(curve, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        double[] a = new double[ITEMS];
        double[] b = new double[ITEMS];
        p.score(now + 200 * DAY, a, ITEMS);
        back.score(now + 200 * DAY, b, ITEMS);
        assertThat(b).containsExactly(a);
        assertThat(back.recorded()).isEqualTo(3_000);
    }
}
