package dev.lethe.domain.forgetting;

/**
 * r(Δt) = w·2^(−Δt/fast) + (1−w)·2^(−Δt/slow): a fast-fading short-term memory beside a slow long-term one.
 *
 * @param fastWeight w in [0, 1]
 */
public record TwoPhaseCurve(double fastHalfLifeSeconds, double slowHalfLifeSeconds, double fastWeight) implements ForgettingCurve {
    public TwoPhaseCurve {
        if (!(fastHalfLifeSeconds > 0) || Double.isInfinite(fastHalfLifeSeconds)) {
            throw new IllegalArgumentException("fastHalfLifeSeconds must be positive and finite, got: " + fastHalfLifeSeconds);
        }
        if (!(slowHalfLifeSeconds >= fastHalfLifeSeconds) || Double.isInfinite(slowHalfLifeSeconds)) {
            throw new IllegalArgumentException("slowHalfLifeSeconds must be finite and at least fastHalfLifeSeconds, got: " + slowHalfLifeSeconds);
        }
        if (!(fastWeight >= 0 && fastWeight <= 1)) {
            throw new IllegalArgumentException("fastWeight must be in [0, 1], got: " + fastWeight);
        }
    }

    @Override
    public double retention(double elapsedSeconds) {
        double dt = Math.max(0, elapsedSeconds);
        double ln2 = Math.log(2);
        return fastWeight * Math.exp(-ln2 * dt / fastHalfLifeSeconds) + (1 - fastWeight) * Math.exp(-ln2 * dt / slowHalfLifeSeconds);
    }

    @Override
    public String family() {
        return "two-phase";
    }

    @Override
    public double halfLifeSeconds() {
        // r is strictly decreasing and r(fast) >= 0.5 >= r(slow): bisect between the two half-lives.
        double lo = fastHalfLifeSeconds;
        double hi = slowHalfLifeSeconds;
        for (int i = 0; i < 100; i++) {
            double mid = 0.5 * (lo + hi);
            if (retention(mid) > 0.5) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}
