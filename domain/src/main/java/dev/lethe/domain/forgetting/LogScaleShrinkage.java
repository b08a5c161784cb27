package dev.lethe.domain.forgetting;

import java.util.function.DoubleUnaryOperator;

/**
 * Empirical-Bayes shrinkage of per-user log time scales x_u toward the tenant curve: x_u maximises
 * the user's own likelihood, its variance v_u = −1 / ℓ''(x_u); the prior x ~ N(0, τ²) has τ² from the
 * method of moments, τ² = max(0, (Σ x²/v − k) / Σ 1/v), or given by the caller (chosen on held-out
 * behaviour), and the posterior mean is B_u·x_u with B_u = τ² / (τ² + v_u).
 */
final class LogScaleShrinkage {
    static final double MAX_LOG_SCALE = 8;

    private LogScaleShrinkage() {}

    /** One user's estimate: x and its variance (infinite when the data cannot estimate it). */
    record Estimate(double logScale, double variance) {
        static final Estimate NONE = new Estimate(0, Double.POSITIVE_INFINITY);

        boolean estimable() {
            return Double.isFinite(variance);
        }
    }

    /** The maximum of {@code logLikelihood} over [−8, 8] and its curvature; {@link Estimate#NONE} on the boundary or without curvature. */
    static Estimate estimate(DoubleUnaryOperator logLikelihood) {
        double x = argmax(logLikelihood);
        if (Math.abs(x) >= MAX_LOG_SCALE - 1e-3) {
            return Estimate.NONE;
        }
        double h = 1e-3;
        double curvature = (logLikelihood.applyAsDouble(x + h) - 2 * logLikelihood.applyAsDouble(x) + logLikelihood.applyAsDouble(x - h)) / (h * h);
        return curvature < 0 ? new Estimate(x, -1 / curvature) : Estimate.NONE;
    }

    /** B_u for every user (0 for those without an estimate), the prior mean fixed at 0, τ² by the method of moments. */
    static double[] weights(Estimate[] estimates) {
        return weights(estimates, momentTau2(estimates));
    }

    /** τ² by the method of moments with known mean 0: max(0, (Σ x²/v − k) / Σ 1/v) over the k users with an estimate. */
    static double momentTau2(Estimate[] estimates) {
        double q = 0;
        double sumW = 0;
        int k = 0;
        for (Estimate e : estimates) {
            if (e.estimable()) {
                q += e.logScale() * e.logScale() / e.variance();
                sumW += 1 / e.variance();
                k++;
            }
        }
        return sumW > 0 ? Math.max(0, (q - k) / sumW) : 0;
    }

    /** B_u = τ² / (τ² + v_u) for every user, 0 for those without an estimate or when τ² is 0. */
    static double[] weights(Estimate[] estimates, double tau2) {
        double[] b = new double[estimates.length];
        for (int u = 0; u < b.length; u++) {
            b[u] = estimates[u].estimable() && tau2 > 0 ? tau2 / (tau2 + estimates[u].variance()) : 0;
        }
        return b;
    }

    /** Golden-section search over [−8, 8] after a coarse scan with step 1. */
    private static double argmax(DoubleUnaryOperator f) {
        double best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (double x = -MAX_LOG_SCALE; x <= MAX_LOG_SCALE; x += 1) {
            double v = f.applyAsDouble(x);
            if (v > bestValue) {
                bestValue = v;
                best = x;
            }
        }
        double lo = Math.max(-MAX_LOG_SCALE, best - 1);
        double hi = Math.min(MAX_LOG_SCALE, best + 1);
        double g = (Math.sqrt(5) - 1) / 2;
        double a = hi - g * (hi - lo);
        double b = lo + g * (hi - lo);
        double fa = f.applyAsDouble(a);
        double fb = f.applyAsDouble(b);
        while (hi - lo > 1e-5) {
            if (fa > fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - g * (hi - lo);
                fa = f.applyAsDouble(a);
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + g * (hi - lo);
                fb = f.applyAsDouble(b);
            }
        }
        return 0.5 * (lo + hi);
    }
}
