package dev.lethe.domain.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class TimeFeaturesTest {
    /** Monday 2024-01-01 00:00 UTC. */
    private static final long MONDAY = ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toEpochSecond();
    private static final float EPS = 1e-5f;

    private static float feature(float[] f, int event, int index) {
        return f[event * TimeFeatures.SIZE + index];
    }

    @Test
    void firstBehaviourHasNoGapAndIsFlagged() {
        float[] f = TimeFeatures.utc().of(new long[] {MONDAY, MONDAY + 60});
        assertThat(feature(f, 0, 0)).isEqualTo(0f);
        assertThat(feature(f, 0, 1)).isEqualTo(1f);
        assertThat(feature(f, 1, 1)).isEqualTo(0f);
    }

    @Test
    void gapIsLogScaledSecondsSincePreviousBehaviour() {
        float[] f = TimeFeatures.utc().of(new long[] {MONDAY, MONDAY + 3600});
        assertThat(feature(f, 1, 0)).isCloseTo((float) (Math.log1p(3600) / Math.log1p(365d * 86400)), within(EPS));
    }

    @Test
    void hourOfDayIsACycle() {
        float[] f = TimeFeatures.utc().of(new long[] {MONDAY, MONDAY + 6 * 3600, MONDAY + 24 * 3600});
        assertThat(feature(f, 0, 2)).isCloseTo(0f, within(EPS));
        assertThat(feature(f, 0, 3)).isCloseTo(1f, within(EPS));
        assertThat(feature(f, 1, 2)).isCloseTo(1f, within(EPS));
        assertThat(feature(f, 1, 3)).isCloseTo(0f, within(EPS));
        assertThat(feature(f, 2, 2)).isCloseTo(feature(f, 0, 2), within(EPS));
    }

    @Test
    void dayOfWeekStartsOnMondayAndRepeatsWeekly() {
        long week = 7 * 86400L;
        float[] f = TimeFeatures.utc().of(new long[] {MONDAY, MONDAY + 86400L * 3 + 43200, MONDAY + week});
        assertThat(feature(f, 0, 4)).isCloseTo(0f, within(EPS));
        assertThat(feature(f, 0, 5)).isCloseTo(1f, within(EPS));
        double phase = 2 * Math.PI * 3.5 / 7;
        assertThat(feature(f, 1, 4)).isCloseTo((float) Math.sin(phase), within(EPS));
        assertThat(feature(f, 2, 5)).isCloseTo(1f, within(EPS));
    }

    @Test
    void hourIsReadInTheGivenZone() {
        float[] f = TimeFeatures.in(ZoneId.of("UTC+06:00")).of(new long[] {MONDAY});
        assertThat(feature(f, 0, 2)).isCloseTo(1f, within(EPS));
    }

    @Test
    void windowsCountEarlierBehavioursOnly() {
        long[] t = {MONDAY, MONDAY + 10, MONDAY + 20, MONDAY + 86400, MONDAY + 30L * 86400 + 3600};
        float[] f = TimeFeatures.utc().of(t);
        double shortScale = Math.log1p(100);
        double longScale = Math.log1p(1000);
        assertThat(feature(f, 0, 6)).isEqualTo(0f);
        assertThat(feature(f, 2, 6)).isCloseTo((float) (Math.log1p(2) / shortScale), within(EPS));
        assertThat(feature(f, 3, 6)).isCloseTo(0f, within(EPS));
        assertThat(feature(f, 3, 7)).isCloseTo((float) (Math.log1p(3) / longScale), within(EPS));
        assertThat(feature(f, 4, 7)).isCloseTo((float) (Math.log1p(1) / longScale), within(EPS));
    }

    @Test
    void rejectsMomentsOutOfOrder() {
        assertThatThrownBy(() -> TimeFeatures.utc().of(new long[] {MONDAY, MONDAY - 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("epochSeconds");
    }
}
