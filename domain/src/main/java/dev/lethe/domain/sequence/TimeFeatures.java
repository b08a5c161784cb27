package dev.lethe.domain.sequence;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Time features of each behaviour in one user's sequence, computed only from that behaviour's moment
 * and the behaviours before it (so the features of a moment to predict for — "as of" — are the
 * features of a hypothetical next behaviour at that moment).
 *
 * <p>Per moment, {@value #SIZE} numbers, all roughly in [-1, 1], at these indices:
 * <ul>
 *   <li>0 gap: {@code ln(1 + seconds since the previous behaviour) / ln(1 + one year)}, 0 for the first;</li>
 *   <li>1 first: 1 for the first behaviour of the sequence, else 0 (a gap of 0 is otherwise ambiguous);</li>
 *   <li>2, 3 hour of day as sin, cos (a 24-hour cycle, read in the given zone);</li>
 *   <li>4, 5 day of week as sin, cos (a 7-day cycle, phase 0 = Monday 00:00);</li>
 *   <li>6 short window: {@code ln(1 + behaviours in the previous hour) / ln(1 + 100)};</li>
 *   <li>7 long window: {@code ln(1 + behaviours in the previous 30 days) / ln(1 + 1000)}.</li>
 * </ul>
 * Window counts include earlier behaviours with the same timestamp but never the behaviour itself.
 */
public final class TimeFeatures {
    /** Number of features per moment. */
    public static final int SIZE = 8;

    static final long SHORT_WINDOW_SECONDS = 3_600L;
    static final long LONG_WINDOW_SECONDS = 30L * 86_400L;
    private static final double GAP_SCALE = Math.log1p(365d * 86_400d);
    private static final double SHORT_SCALE = Math.log1p(100d);
    private static final double LONG_SCALE = Math.log1p(1000d);
    private static final double DAY = 86_400d;
    private static final double WEEK = 7 * DAY;
    /** 1970-01-01 was a Thursday, 3 days after a Monday: adding them makes phase 0 a Monday. */
    private static final long MONDAY_SHIFT = 3L * 86_400L;

    private final ZoneId zone;

    private TimeFeatures(ZoneId zone) {
        this.zone = zone;
    }

    /** Features with hour and day of week read in {@code zone}. */
    public static TimeFeatures in(ZoneId zone) {
        if (zone == null) {
            throw new IllegalArgumentException("zone must not be null");
        }
        return new TimeFeatures(zone);
    }

    /** Features with hour and day of week read in UTC. */
    public static TimeFeatures utc() {
        return new TimeFeatures(ZoneOffset.UTC);
    }

    /**
     * The features of every moment of {@code epochSeconds} (non-decreasing), row-major:
     * {@code result[i * SIZE + f]}.
     */
    public float[] of(long[] epochSeconds) {
        if (epochSeconds == null) {
            throw new IllegalArgumentException("epochSeconds must not be null");
        }
        int n = epochSeconds.length;
        float[] out = new float[n * SIZE];
        int shortStart = 0;
        int longStart = 0;
        for (int i = 0; i < n; i++) {
            long t = epochSeconds[i];
            if (i > 0 && t < epochSeconds[i - 1]) {
                throw new IllegalArgumentException("epochSeconds must be non-decreasing, got " + t + " after " + epochSeconds[i - 1]);
            }
            while (epochSeconds[shortStart] <= t - SHORT_WINDOW_SECONDS) {
                shortStart++;
            }
            while (epochSeconds[longStart] <= t - LONG_WINDOW_SECONDS) {
                longStart++;
            }
            int o = i * SIZE;
            if (i == 0) {
                out[o] = 0f;
                out[o + 1] = 1f;
            } else {
                out[o] = (float) (Math.log1p(t - epochSeconds[i - 1]) / GAP_SCALE);
                out[o + 1] = 0f;
            }
            long local = t + zone.getRules().getOffset(java.time.Instant.ofEpochSecond(t)).getTotalSeconds();
            double dayPhase = 2 * Math.PI * Math.floorMod(local, 86_400L) / DAY;
            double weekPhase = 2 * Math.PI * Math.floorMod(local + MONDAY_SHIFT, 7L * 86_400L) / WEEK;
            out[o + 2] = (float) Math.sin(dayPhase);
            out[o + 3] = (float) Math.cos(dayPhase);
            out[o + 4] = (float) Math.sin(weekPhase);
            out[o + 5] = (float) Math.cos(weekPhase);
            out[o + 6] = (float) (Math.log1p(i - shortStart) / SHORT_SCALE);
            out[o + 7] = (float) (Math.log1p(i - longStart) / LONG_SCALE);
        }
        return out;
    }
}
