package dev.lethe.domain.interest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.forgetting.ForgettingCurve;
import dev.lethe.domain.forgetting.PowerLawCurve;
import dev.lethe.domain.forgetting.TwoPhaseCurve;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DecayKernelTest {

    @Test
    void exponentialAndTwoPhaseCurvesAreRepresentedExactly() {
        ForgettingCurve exp = ExponentialCurve.ofDays(3);
        ForgettingCurve two = new TwoPhaseCurve(3600, 86_400 * 40, 0.7);
        for (double t = 0; t < 1e8; t = t * 3 + 100) {
            assertThat(DecayKernel.of(exp).retention(t)).isCloseTo(exp.retention(t), within(1e-12));
            assertThat(DecayKernel.of(two).retention(t)).isCloseTo(two.retention(t), within(1e-12));
        }
        assertThat(DecayKernel.of(two).components()).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({"0.3, 60", "1.05, 7", "0.8, 86400", "2.5, 3600"})
    void powerLawIsApproximatedWithinATenthOfAPercentAbsoluteOverACentury(double decay, double epsilon) {
        PowerLawCurve curve = new PowerLawCurve(decay, epsilon);
        DecayKernel kernel = DecayKernel.of(curve);

        assertThat(kernel.retention(0)).isCloseTo(1, within(1e-9));
        for (double t = 1; t < 3e9; t *= 1.7) {
            double exact = curve.retention(t);
            assertThat(kernel.retention(t)).as("r(%s)", t).isCloseTo(exact, within(1e-3));
            if (exact >= 1e-3) {
                assertThat(kernel.retention(t) / exact).as("relative r(%s)", t).isCloseTo(1, within(0.05));
            }
        }
        assertThat(kernel.components()).isLessThan(64);
    }
}
