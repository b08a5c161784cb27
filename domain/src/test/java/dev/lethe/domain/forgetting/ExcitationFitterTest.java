package dev.lethe.domain.forgetting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.synthetic.SyntheticGenerator;
import dev.lethe.domain.synthetic.SyntheticTenant;
import dev.lethe.domain.tenant.TenantKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExcitationFitterTest {
    private static final double DAY = 86_400;

    /** Independent self-exciting processes per user and item: background b, kernel α·2^(−Δt/h), branching ratio n. */
    private static List<Behavior> hawkes(double halfLifeDays, double branching, int users, int items, double days, long seed) {
        Random random = new Random(seed);
        double h = halfLifeDays * DAY;
        double alpha = branching * Math.log(2) / h;
        List<Behavior> log = new ArrayList<>();
        int n = 0;
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                double b = (0.05 + 0.3 * random.nextDouble()) / DAY;
                double excitation = 0;
                double t = 0;
                while (true) {
                    double bound = b + alpha * excitation;
                    double dt = -Math.log1p(-random.nextDouble()) / bound;
                    t += dt;
                    if (t > days * DAY) {
                        break;
                    }
                    excitation *= Math.pow(2, -dt / h);
                    if (random.nextDouble() * bound <= b + alpha * excitation) {
                        excitation += 1;
                        log.add(Behavior.of(new EventId("e" + n++), new UserId("u" + u), new ItemId("i" + i), BehaviorType.VIEW,
                                ReengagementSimulation.at(t)));
                    }
                }
            }
        }
        return log;
    }

    @Test
    void recoversTheHalfLifeOfAKnownSelfExcitationWithinFifteenPercent() {
        List<Behavior> log = hawkes(10, 0.6, 60, 5, 360, 11);

        ExcitationFit fit = new ExcitationFitter().fit(log, Map.of(), ReengagementLevel.ITEM).orElseThrow();

        assertThat(fit.curve().halfLifeSeconds() / DAY).isCloseTo(10, within(1.5));
        assertThat(fit.statistics().get("branchingRatio")).isCloseTo(0.6, within(0.15));
    }

    @Test
    void recoversTheSyntheticGeneratorsHalfLifeFromUsersTotalActivityWithinFifteenPercent() {
        SyntheticTenant tenant = new SyntheticGenerator(TenantKind.ECOMMERCE, 60, 1, Instant.parse("2026-06-01T00:00:00Z"), Duration.ofDays(720)).generate();

        ExcitationFit fit = new ExcitationFitter().fit(tenant.behaviors(), Map.of(), ReengagementLevel.USER).orElseThrow();

        double truth = tenant.truth().halfLifeDays();
        assertThat(fit.curve().halfLifeSeconds() / DAY).isCloseTo(truth, within(0.15 * truth));
        assertThat(fit.statistics().get("branchingRatio")).isCloseTo(tenant.truth().branchingRatio(), within(0.15));
    }

    @Test
    void noFitWhenNothingIsEngagedWithTwice() {
        List<Behavior> log = List.of(
                Behavior.of(new EventId("a"), new UserId("u"), new ItemId("x"), BehaviorType.VIEW, Instant.parse("2026-01-01T00:00:00Z")),
                Behavior.of(new EventId("b"), new UserId("u"), new ItemId("y"), BehaviorType.VIEW, Instant.parse("2026-01-02T00:00:00Z")));

        assertThat(new ExcitationFitter().fit(log, Map.of(), ReengagementLevel.ITEM)).isEmpty();
    }
}
