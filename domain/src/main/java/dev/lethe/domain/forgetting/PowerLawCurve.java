package dev.lethe.domain.forgetting;

/**
 * ACT-R style r(Δt) = ((Δt + ε) / ε)^(−d): fast early loss with a long tail. Normalised so r(0) = 1.
 *
 * @param decay d &gt; 0
 * @param epsilonSeconds ε &gt; 0, the time scale below which nothing is forgotten yet
 */
public record PowerLawCurve(double decay, double epsilonSeconds) implements ForgettingCurve {
    public PowerLawCurve {
        if (!(decay > 0) || Double.isInfinite(decay)) {
            throw new IllegalArgumentException("decay must be positive and finite, got: " + decay);
        }
        if (!(epsilonSeconds > 0) || Double.isInfinite(epsilonSeconds)) {
            throw new IllegalArgumentException("epsilonSeconds must be positive and finite, got: " + epsilonSeconds);
        }
    }

    @Override
    public double retention(double elapsedSeconds) {
        double dt = Math.max(0, elapsedSeconds);
        return Math.pow((dt + epsilonSeconds) / epsilonSeconds, -decay);
    }

    @Override
    public String family() {
        return "power-law";
    }

    @Override
    public double halfLifeSeconds() {
        return epsilonSeconds * (Math.pow(2, 1 / decay) - 1);
    }
}
