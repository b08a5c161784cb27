package dev.lethe.domain.forgetting;

import java.time.Duration;

/**
 * A family and parameters giving retention r(Δt): the share of an interest still alive Δt after the
 * behaviour, in [0, 1], with r(0) = 1 and r non-increasing.
 */
public sealed interface ForgettingCurve permits ExponentialCurve, PowerLawCurve, TwoPhaseCurve {

    /** Retention after {@code elapsedSeconds}; negative elapsed time (the future) is treated as zero. */
    double retention(double elapsedSeconds);

    /** Retention after {@code elapsed}. */
    default double retention(Duration elapsed) {
        return retention(elapsed.toMillis() / 1000.0);
    }

    /** The family's wire name: {@code exponential}, {@code power-law} or {@code two-phase}. */
    String family();

    /** The elapsed time after which half the interest is gone (solved numerically where there is no closed form). */
    double halfLifeSeconds();
}
