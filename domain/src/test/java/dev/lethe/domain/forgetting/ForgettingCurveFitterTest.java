package dev.lethe.domain.forgetting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.UserId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForgettingCurveFitterTest {
    private static final double DAY = 86_400;
    /** Every test but the bootstrap one skips the 30 refits: they are not what it checks. */
    private static final ForgettingCurveFitter FITTER = new ForgettingCurveFitter(
            new ForgettingCurveFitter.Options(EnumSet.allOf(CurveFamily.class), 0.2, 42, 20));

    private static Reengagements simulate(ForgettingCurve truth, double ratePerDay, int users, long seed) {
        List<Behavior> log = ReengagementSimulation.log(truth, ratePerDay / DAY, users, 20, 365 * DAY, seed);
        return Reengagements.of(log, Map.of(), ReengagementLevel.ITEM);
    }

    @Test
    void recoversTheHalfLifeOfAKnownExponentialRetentionWithinFifteenPercent() {
        Reengagements data = simulate(ExponentialCurve.ofDays(10), 0.3, 200, 1);

        FittedCurve fit = FITTER.fit(data, CurveFamily.EXPONENTIAL).orElseThrow();

        assertThat(fit.curve().halfLifeSeconds() / DAY).isCloseTo(10, within(1.5));
        assertThat(fit.statistics().get("returnRatePerSecond") * DAY).isCloseTo(0.3, within(0.045));
    }

    @Test
    void standardErrorOfTheHalfLifeCoversTheTruth() {
        Reengagements data = simulate(ExponentialCurve.ofDays(10), 0.3, 200, 2);

        FittedCurve fit = FITTER.fit(data, CurveFamily.EXPONENTIAL).orElseThrow();

        double se = fit.statistics().get("se.halfLifeSeconds");
        assertThat(se).isPositive().isLessThan(0.15 * 10 * DAY);
        assertThat(Math.abs(fit.curve().halfLifeSeconds() - 10 * DAY)).isLessThan(4 * se);
    }

    @Test
    void userBootstrapGivesAStandardErrorThatCoversTheTruth() {
        Reengagements data = simulate(ExponentialCurve.ofDays(10), 0.3, 200, 12);

        FittedCurve fit = new ForgettingCurveFitter().fit(data, CurveFamily.EXPONENTIAL).orElseThrow();

        double se = fit.statistics().get("bootstrap.se.halfLifeSeconds");
        assertThat(fit.statistics().get("bootstrap.samples")).isEqualTo(30.0);
        assertThat(se).isPositive().isLessThan(0.15 * 10 * DAY);
        assertThat(Math.abs(fit.curve().halfLifeSeconds() - 10 * DAY)).isLessThan(4 * se);
        assertThat(fit.statistics().get("bootstrap.halfLifeSeconds.p05")).isLessThan(fit.statistics().get("bootstrap.halfLifeSeconds.p95"));
    }

    @Test
    void recoversTheParametersOfAKnownPowerLaw() {
        PowerLawCurve truth = new PowerLawCurve(0.8, DAY);
        Reengagements data = simulate(truth, 0.5, 300, 3);

        PowerLawCurve fit = (PowerLawCurve) FITTER.fit(data, CurveFamily.POWER_LAW).orElseThrow().curve();

        assertThat(fit.decay()).isCloseTo(0.8, within(0.15));
        assertThat(fit.halfLifeSeconds() / truth.halfLifeSeconds()).isCloseTo(1, within(0.2));
    }

    @Test
    void recoversTheParametersOfAKnownTwoPhaseCurve() {
        TwoPhaseCurve truth = new TwoPhaseCurve(DAY, 60 * DAY, 0.6);
        Reengagements data = simulate(truth, 0.3, 150, 4);

        TwoPhaseCurve fit = (TwoPhaseCurve) FITTER.fit(data, CurveFamily.TWO_PHASE).orElseThrow().curve();

        assertThat(fit.fastWeight()).isCloseTo(0.6, within(0.1));
        assertThat(fit.fastHalfLifeSeconds() / DAY).isCloseTo(1, within(0.3));
        assertThat(fit.slowHalfLifeSeconds() / DAY).isCloseTo(60, within(15.0));
    }

    @Test
    void heldOutLikelihoodChoosesThePowerLawForPowerLawData() {
        Reengagements data = simulate(new PowerLawCurve(0.7, 3600), 2.0, 200, 5);

        FittedCurve fit = FITTER.fit(data).orElseThrow();

        assertThat(fit.family()).isEqualTo(CurveFamily.POWER_LAW);
        assertThat(fit.statistics()).containsKeys("heldOutLogLikelihoodPerObservation.exponential",
                "heldOutLogLikelihoodPerObservation.power-law", "heldOutLogLikelihoodPerObservation.two-phase");
    }

    @Test
    void retentionPointsOfAGoodFitFollowTheFittedCurve() {
        Reengagements data = simulate(ExponentialCurve.ofDays(10), 0.3, 200, 6);

        FittedCurve fit = FITTER.fit(data, CurveFamily.EXPONENTIAL).orElseThrow();

        List<RetentionPoint> wellObserved = fit.retentionPlot().stream().filter(p -> p.returns() >= 200).toList();
        assertThat(wellObserved).hasSizeGreaterThanOrEqualTo(3);
        for (RetentionPoint p : wellObserved) {
            assertThat(p.observed()).isCloseTo(p.fitted(), within(0.15 * p.fitted() + 0.02));
        }
    }

    @Test
    void noFitWithoutEnoughReturns() {
        Reengagements data = simulate(ExponentialCurve.ofDays(1), 0.001, 5, 7);

        assertThat(FITTER.fit(data)).isEmpty();
    }

    @Test
    void shrinkageMovesASparseUserTowardTheTenantCurveMoreThanADenseOne() {
        // A tenant of 10-day users, plus two 2-day users: one with 40 items, one with 2.
        List<Behavior> log = new java.util.ArrayList<>(ReengagementSimulation.log(ExponentialCurve.ofDays(10), 0.3 / DAY, 200, 20, 365 * DAY, 8, "t"));
        log.addAll(ReengagementSimulation.log(ExponentialCurve.ofDays(2), 1.5 / DAY, 1, 40, 365 * DAY, 9, "dense"));
        log.addAll(ReengagementSimulation.log(ExponentialCurve.ofDays(2), 1.5 / DAY, 1, 2, 365 * DAY, 10, "sparse"));
        Reengagements data = Reengagements.of(log, Map.of(), ReengagementLevel.ITEM);
        ForgettingCurveFitter fitter = new ForgettingCurveFitter(new ForgettingCurveFitter.Options(EnumSet.of(CurveFamily.EXPONENTIAL), 0.2, 1, 20));
        CurveFitReport report = fitter.fitAll(data).orElseThrow();

        UserCurve dense = report.users().get(new UserId("dense0"));
        UserCurve sparse = report.users().get(new UserId("sparse0"));
        double tenantHalfLife = report.tenant().curve().halfLifeSeconds();

        assertThat(sparse.shrinkageWeight()).isLessThan(dense.shrinkageWeight());
        assertThat(dense.curve().halfLifeSeconds() / DAY).isLessThan(4);
        assertThat(sparse.curve().halfLifeSeconds()).isGreaterThan(dense.curve().halfLifeSeconds());
        assertThat(Math.abs(Math.log(sparse.scale()))).isLessThan(Math.abs(Math.log(sparse.rawScale())));
        assertThat(tenantHalfLife / DAY).isCloseTo(10, within(2.0));
    }
}
