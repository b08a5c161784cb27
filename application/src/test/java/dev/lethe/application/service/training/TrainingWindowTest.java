package dev.lethe.application.service.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.forgetting.PowerLawCurve;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrainingWindowTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void theHorizonIsWhereTheCurveKeepsOnePercent() {
        // 2^-x = 0.01 at x = log2(100) = 6.64 half-lives.
        TrainingWindow window = TrainingWindow.of(ExponentialCurve.ofDays(10), NOW, Optional.empty());
        assertThat(window.horizon().toHours() / 24.0).isBetween(66.3, 66.5);
        assertThat(window.since()).isEqualTo(NOW.minus(window.horizon()));
        assertThat(window.capped()).isFalse();
    }

    @Test
    void shortCurvesReadAMonthAndHeavyTailsAreCutAtThreeYears() {
        assertThat(TrainingWindow.of(ExponentialCurve.ofDays(0.1), NOW, Optional.empty()).horizon()).isEqualTo(TrainingWindow.MIN_HORIZON);
        assertThat(TrainingWindow.of(new PowerLawCurve(0.2, 3600), NOW, Optional.empty()).horizon()).isEqualTo(TrainingWindow.MAX_HORIZON);
    }

    @Test
    void theCapOnEventsShortensTheWindowOnlyWhenItBinds() {
        Instant cap = NOW.minus(Duration.ofDays(5));
        TrainingWindow capped = TrainingWindow.of(ExponentialCurve.ofDays(10), NOW, Optional.of(cap));
        assertThat(capped.since()).isEqualTo(cap);
        assertThat(capped.capped()).isTrue();
        TrainingWindow loose = TrainingWindow.of(ExponentialCurve.ofDays(10), NOW, Optional.of(NOW.minus(Duration.ofDays(400))));
        assertThat(loose.capped()).isFalse();
    }
}
