package dev.lethe.application.service.training;

import dev.lethe.domain.forgetting.ForgettingCurve;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How much of a tenant's log a training job reads: the forgetting curve's horizon, the age beyond which
 * a behaviour keeps less than {@value #RETENTION_FLOOR} of its weight (so it no longer moves the decayed
 * interests, popularity or the curve's own fit), clamped to [{@link #MIN_HORIZON}, {@link #MAX_HORIZON}];
 * and at most the newest {@value #MAX_EVENTS} behaviours whatever the horizon, so a job's memory is
 * bounded however large the log grows.
 *
 * @param since the first moment read
 * @param horizon the curve's horizon (before the cap on events)
 * @param capped whether the cap on events moved {@code since} later than the horizon
 */
public record TrainingWindow(Instant since, Duration horizon, boolean capped) {
    /** Retention below which an old behaviour no longer matters. */
    public static final double RETENTION_FLOOR = 0.01;
    /** The least history read: short curves still see a month of co-occurrences. */
    public static final Duration MIN_HORIZON = Duration.ofDays(30);
    /** The most history read: heavy-tailed curves are cut at three years. */
    public static final Duration MAX_HORIZON = Duration.ofDays(3 * 365);
    /** The most behaviours a job reads (about 300 bytes each on the heap while it trains). */
    public static final long MAX_EVENTS = 2_000_000;

    public TrainingWindow {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(horizon, "horizon");
    }

    /**
     * The window as of {@code now} for {@code curve}; {@code newestCapMoment} is the moment of the
     * {@value #MAX_EVENTS}-th newest behaviour, empty when the tenant has fewer.
     */
    public static TrainingWindow of(ForgettingCurve curve, Instant now, Optional<Instant> newestCapMoment) {
        Duration horizon = horizon(curve);
        Instant since = now.minus(horizon);
        boolean capped = newestCapMoment.isPresent() && newestCapMoment.get().isAfter(since);
        return new TrainingWindow(capped ? newestCapMoment.get() : since, horizon, capped);
    }

    /** The age at which {@code curve} keeps {@value #RETENTION_FLOOR} of a behaviour, clamped. */
    static Duration horizon(ForgettingCurve curve) {
        double lo = 0;
        double hi = MAX_HORIZON.toSeconds();
        if (curve.retention(hi) >= RETENTION_FLOOR) {
            return MAX_HORIZON;
        }
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (curve.retention(mid) >= RETENTION_FLOOR) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Duration found = Duration.ofSeconds((long) Math.ceil(hi));
        return found.compareTo(MIN_HORIZON) < 0 ? MIN_HORIZON : found;
    }

    @Override
    public String toString() {
        return "since " + since + " (horizon " + horizon.toDays() + " d" + (capped ? ", capped at the newest " + MAX_EVENTS + " behaviours" : "") + ")";
    }
}
