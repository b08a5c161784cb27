package dev.lethe.domain.forgetting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ForgettingCurveTest {
    static Stream<ForgettingCurve> curves() {
        return Stream.of(ExponentialCurve.ofDays(7), new PowerLawCurve(0.8, 3600), new PowerLawCurve(1.0, 10),
                new TwoPhaseCurve(3600, 30 * 86_400, 0.7));
    }

    @ParameterizedTest
    @MethodSource("curves")
    void retentionStartsAtOneAndNeverIncreasesOrLeavesTheUnitInterval(ForgettingCurve curve) {
        assertThat(curve.retention(0)).isEqualTo(1.0);
        assertThat(curve.retention(-5)).isEqualTo(1.0);
        double previous = 1;
        for (double t = 1; t < 1e10; t *= 1.5) {
            double r = curve.retention(t);
            assertThat(r).isBetween(0.0, 1.0).isLessThanOrEqualTo(previous);
            previous = r;
        }
    }

    @ParameterizedTest
    @MethodSource("curves")
    void halfTheInterestIsGoneAfterTheHalfLife(ForgettingCurve curve) {
        assertThat(curve.retention(curve.halfLifeSeconds())).isCloseTo(0.5, within(1e-9));
    }

    @ParameterizedTest
    @MethodSource("curves")
    void theIntegralUsedByTheLikelihoodHasTheCurveAsItsDerivative(ForgettingCurve curve) {
        for (double t = 10; t < 1e9; t *= 7) {
            double h = t * 1e-5;
            double derivative = (CurveFamily.integral(curve, t + h) - CurveFamily.integral(curve, t - h)) / (2 * h);
            assertThat(derivative).isCloseTo(curve.retention(t), within(1e-5 * curve.retention(t) + 1e-12));
            assertThat(CurveFamily.logRetention(curve, t)).isCloseTo(Math.log(curve.retention(t)), within(1e-9));
        }
    }

    @ParameterizedTest
    @MethodSource("curves")
    void stretchingTheTimeAxisStretchesTheHalfLife(ForgettingCurve curve) {
        ForgettingCurve stretched = CurveFamily.stretched(curve, 3);

        assertThat(stretched.halfLifeSeconds()).isCloseTo(3 * curve.halfLifeSeconds(), within(1e-6 * curve.halfLifeSeconds()));
        assertThat(stretched.retention(3000)).isCloseTo(curve.retention(1000), within(1e-12));
    }

    @ParameterizedTest
    @MethodSource("curves")
    void unconstrainedParametersRoundTrip(ForgettingCurve curve) {
        CurveFamily family = CurveFamily.of(curve);

        ForgettingCurve back = family.curve(family.theta(curve));

        assertThat(family.parameters(back)).containsExactly(family.parameters(curve), within(1e-6 * curve.halfLifeSeconds()));
        assertThat(family.wireName()).isEqualTo(curve.family());
    }

    @Test
    void powerLawIntegralIsContinuousAtDecayOne() {
        double below = CurveFamily.integral(new PowerLawCurve(1 - 1e-7, 10), 1e6);
        double at = CurveFamily.integral(new PowerLawCurve(1, 10), 1e6);

        assertThat(below).isCloseTo(at, within(1e-4 * at));
        assertThat(at).isCloseTo(10 * Math.log1p(1e6 / 10), within(1e-9 * at));
    }

    @Test
    void anUnknownFamilyNameIsRejected() {
        assertThatThrownBy(() -> CurveFamily.parse("hyperbolic")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("curve family");
    }
}
