package dev.lethe.domain.forgetting;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ForgettingEstimatorTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final ForgettingEstimator ESTIMATOR = new ForgettingEstimator(ForgettingEstimator.Options.defaults(ExponentialCurve.ofDays(30)));

    @Test
    void choosesSelfExcitationWhenEveryPastBehaviourKeepsTheRateUp() {
        SyntheticTenant tenant = new SyntheticGenerator(TenantKind.ECOMMERCE, 30, 2, START.plus(Duration.ofDays(180)), Duration.ofDays(180)).generate();

        CurveFitReport report = ESTIMATOR.fitAll(tenant.behaviors()).orElseThrow();

        assertThat(report.estimator()).isEqualTo(ForgettingEstimator.EXCITATION);
        assertThat(report.candidates()).filteredOn(EstimatorScore::selected).singleElement()
                .extracting(EstimatorScore::key).isEqualTo("excitation.exponential");
    }

    @Test
    void choosesReturnTimeWhenOnlyTheLastBehaviourMatters() {
        // A renewal process: the hazard of the next behaviour is λ·2^(−Δt/h) after the previous one, whatever came before.
        List<Behavior> log = renewalLog(40, 2.0 / 86_400, 3 * 86_400.0, 200);

        CurveFitReport report = ESTIMATOR.fitAll(log).orElseThrow();

        assertThat(report.estimator()).isEqualTo(ForgettingEstimator.RETURN_TIME);
        assertThat(report.tenant().statistics()).containsEntry("estimator.return-time", 1.0);
    }

    @Test
    void neverSelectsTheFixedReference() {
        SyntheticTenant tenant = new SyntheticGenerator(TenantKind.VIDEO, 20, 3, START.plus(Duration.ofDays(120)), Duration.ofDays(120)).generate();

        CurveFitReport report = ESTIMATOR.fitAll(tenant.behaviors()).orElseThrow();

        assertThat(report.candidates()).filteredOn(c -> !c.learned()).hasSize(2).noneMatch(EstimatorScore::selected);
    }

    @Test
    void fitsNothingWithoutRepeatBehaviours() {
        List<Behavior> log = List.of(
                Behavior.of(new EventId("a"), new UserId("u"), new ItemId("x"), BehaviorType.VIEW, START),
                Behavior.of(new EventId("b"), new UserId("v"), new ItemId("x"), BehaviorType.VIEW, START.plusSeconds(60)));

        assertThat(ESTIMATOR.fitAll(log)).isEmpty();
    }

    private static List<Behavior> renewalLog(int users, double rate, double halfLife, int perUser) {
        SplittableRandom random = new SplittableRandom(7);
        List<Behavior> log = new ArrayList<>();
        double ln2 = Math.log(2);
        for (int u = 0; u < users; u++) {
            double t = 0;
            for (int i = 0; i < perUser; i++) {
                log.add(Behavior.of(new EventId("e" + log.size()), new UserId("u" + u), new ItemId("x"), BehaviorType.VIEW,
                        START.plusMillis((long) (t * 1000))));
                // Invert the survival exp(−λ·R(Δt)), R(Δt) = (h/ln 2)(1 − 2^(−Δt/h)); no return when it never falls that low.
                double target = -Math.log(1 - random.nextDouble()) * ln2 / (rate * halfLife);
                if (target >= 1) {
                    break;
                }
                t += -halfLife * Math.log(1 - target) / ln2;
            }
        }
        return log;
    }
}
