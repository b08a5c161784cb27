package dev.lethe.domain.forgetting;

/** r(Δt) = 2^(−Δt / halfLife): memory that loses a constant share per unit of time. */
public record ExponentialCurve(double halfLifeSeconds) implements ForgettingCurve {
    public ExponentialCurve {
        if (!(halfLifeSeconds > 0) || Double.isInfinite(halfLifeSeconds)) {
            throw new IllegalArgumentException("halfLifeSeconds must be positive and finite, got: " + halfLifeSeconds);
        }
    }

    /** A curve with the half-life given in days. */
    public static ExponentialCurve ofDays(double days) {
        return new ExponentialCurve(days * 86_400d);
    }

    @Override
    public double retention(double elapsedSeconds) {
        return elapsedSeconds <= 0 ? 1.0 : Math.exp(-Math.log(2) * elapsedSeconds / halfLifeSeconds);
    }

    @Override
    public String family() {
        return "exponential";
    }
}
