package dev.lethe.domain.forgetting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lethe.domain.MovieLensSmall;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MovieLensSmallCurveTest {

    @Test
    void genreReturnsOfMlLatestSmallFitAHeavyTailedCurveWithFiniteErrors() {
        Optional<MovieLensSmall> ml = MovieLensSmall.load();
        assumeTrue(ml.isPresent(), "ml-latest-small is not at " + MovieLensSmall.DIRECTORY + "; skipping");
        Reengagements data = Reengagements.of(ml.get().ratings(), ml.get().genres(), ReengagementLevel.CATEGORY);

        CurveFitReport report = new ForgettingCurveFitter().fitAll(data).orElseThrow();

        FittedCurve tenant = report.tenant();
        assertThat(tenant.family()).isNotEqualTo(CurveFamily.EXPONENTIAL);
        assertThat(tenant.statistics().get("heldOutLogLikelihoodPerObservation." + tenant.family().wireName()))
                .isGreaterThan(tenant.statistics().get("heldOutLogLikelihoodPerObservation.exponential"));
        assertThat(tenant.statistics()).containsKeys("se.halfLifeSeconds", "retentionRmse", "returnRatePerSecond");
        assertThat(tenant.retentionPlot()).hasSizeGreaterThan(10);
        assertThat(report.users()).hasSize(610);
        assertThat(report.byScope()).containsKeys("tenant", "type:rate");
    }
}
