package dev.lethe.domain.interest;

import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.forgetting.ForgettingCurve;
import dev.lethe.domain.forgetting.PowerLawCurve;
import dev.lethe.domain.forgetting.TwoPhaseCurve;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A forgetting curve as a weighted sum of exponentials, r(Δt) ≈ Σ wₖ·2^(−Δt/hₖ), which is what lets an
 * interest be stored as a few numbers and a timestamp and decayed lazily: each exponential component
 * decays on its own by one multiplication. Exact for the exponential (one component) and two-phase (two)
 * curves; the power law ((Δt+ε)/ε)^(−d) is the Laplace transform of a Gamma(d, 1) distribution of rates
 * x/ε, so it is approximated by quadrature of that distribution on a geometric grid of rates.
 */
public final class DecayKernel {
    private static final double LN2 = Math.log(2);
    /** The power-law approximation is built to hold over this horizon (a century). */
    private static final double HORIZON_SECONDS = 100 * 365.25 * 86_400;
    private static final double GRID_RATIO = 3.0;

    private final ForgettingCurve curve;
    private final double[] weights;
    private final double[] ratesPerMilli;

    private DecayKernel(ForgettingCurve curve, double[] weights, double[] halfLivesSeconds) {
        this.curve = curve;
        this.weights = weights;
        this.ratesPerMilli = new double[halfLivesSeconds.length];
        for (int k = 0; k < halfLivesSeconds.length; k++) {
            ratesPerMilli[k] = LN2 / (halfLivesSeconds[k] * 1000);
        }
    }

    /** The kernel of {@code curve}. */
    public static DecayKernel of(ForgettingCurve curve) {
        Objects.requireNonNull(curve, "curve");
        if (curve instanceof ExponentialCurve e) {
            return new DecayKernel(curve, new double[] {1}, new double[] {e.halfLifeSeconds()});
        }
        if (curve instanceof TwoPhaseCurve t) {
            return new DecayKernel(curve, new double[] {t.fastWeight(), 1 - t.fastWeight()},
                    new double[] {t.fastHalfLifeSeconds(), t.slowHalfLifeSeconds()});
        }
        return powerLaw((PowerLawCurve) curve);
    }

    private static DecayKernel powerLaw(PowerLawCurve p) {
        double d = p.decay();
        double eps = p.epsilonSeconds();
        // Rates x (per ε) from the Gamma's negligible upper tail down to what still matters at the horizon.
        double xHigh = 40 * Math.max(1, d);
        double xLow = Math.min(1e-3, eps / HORIZON_SECONDS / 1000);
        int n = (int) Math.ceil(Math.log(xHigh / xLow) / Math.log(GRID_RATIO));
        List<double[]> components = new ArrayList<>();
        // The mass below the grid, ∫₀^xLow x^(d−1) e^(−x) dx ≈ xLow^d / d, at its mean rate.
        components.add(new double[] {Math.pow(xLow, d) / d, xLow * d / (d + 1)});
        for (int k = 0; k < n; k++) {
            double lo = xLow * Math.pow(GRID_RATIO, k);
            double hi = lo * GRID_RATIO;
            double c = Math.sqrt(lo * hi);
            // Two-point Gauss rule for the Gamma density on [lo, hi): exact for e^(−xt) up to cubic terms.
            double m0 = gammaMass(d, Math.log(lo), Math.log(hi));
            double m1 = gammaMass(d + 1, Math.log(lo), Math.log(hi)) / c;
            double m2 = gammaMass(d + 2, Math.log(lo), Math.log(hi)) / (c * c);
            double m3 = gammaMass(d + 3, Math.log(lo), Math.log(hi)) / (c * c * c);
            if (!(m0 > 1e-300)) {
                continue;
            }
            // Nodes are the roots of y² + a·y + b, orthogonal to 1 and y under the bin's measure.
            double det = m0 * m2 - m1 * m1;
            if (!(det > 1e-14 * m0 * m2)) {
                components.add(new double[] {m0, c * m1 / m0});
                continue;
            }
            double b = (-m2 * m2 + m1 * m3) / det;
            double a = (-m0 * m3 + m1 * m2) / det;
            double disc = Math.sqrt(Math.max(0, a * a - 4 * b));
            double y1 = (-a - disc) / 2;
            double y2 = (-a + disc) / 2;
            double w1 = (m1 - y2 * m0) / (y1 - y2);
            components.add(new double[] {w1, c * y1});
            components.add(new double[] {m0 - w1, c * y2});
        }
        double total = 0;
        for (double[] comp : components) {
            total += comp[0];
        }
        double[] weights = new double[components.size()];
        double[] halfLives = new double[components.size()];
        for (int k = 0; k < weights.length; k++) {
            weights[k] = components.get(k)[0] / total;
            halfLives[k] = eps * LN2 / components.get(k)[1];
        }
        return new DecayKernel(p, weights, halfLives);
    }

    /** ∫ x^(a−1) e^(−x) dx over x in [e^u0, e^u1], by Simpson's rule in u = ln x (unnormalised). */
    private static double gammaMass(double a, double u0, double u1) {
        int steps = 32;
        double h = (u1 - u0) / steps;
        double sum = 0;
        for (int i = 0; i <= steps; i++) {
            double u = u0 + i * h;
            double f = Math.exp(a * u - Math.exp(u));
            sum += f * (i == 0 || i == steps ? 1 : (i % 2 == 1 ? 4 : 2));
        }
        return sum * h / 3;
    }

    /** The curve this kernel represents. */
    public ForgettingCurve curve() {
        return curve;
    }

    /** Number of exponential components a trace keeps. */
    public int components() {
        return weights.length;
    }

    /** The weight of component {@code k} (the components' weights sum to the retention at age 0). */
    public double weight(int k) {
        return weights[k];
    }

    /** The decay rate of component {@code k}, per millisecond: component k retains e^(−rate·Δt). */
    public double ratePerMilli(int k) {
        return ratesPerMilli[k];
    }

    /** The kernel's retention after {@code elapsedSeconds}: exactly the curve's for exponential and two-phase curves. */
    public double retention(double elapsedSeconds) {
        return retentionAfter(Math.max(0, elapsedSeconds) * 1000);
    }

    /** {@link #retention} after {@code millis} (0 or less: none elapsed), as a trace's components would decay over it. */
    double retentionAfterMillis(long millis) {
        return retentionAfter(Math.max(0, millis));
    }

    private double retentionAfter(double millis) {
        double r = 0;
        for (int k = 0; k < weights.length; k++) {
            r += weights[k] * Math.exp(-ratesPerMilli[k] * millis);
        }
        return r;
    }

    /** Adds {@code amount} arriving at {@code atMillis} to a trace last brought to {@code traceMillis}. */
    void add(double[] trace, long traceMillis, double amount, long atMillis) {
        long age = Math.max(0, traceMillis - atMillis);
        for (int k = 0; k < weights.length; k++) {
            trace[k] += amount * weights[k] * (age == 0 ? 1 : Math.exp(-ratesPerMilli[k] * age));
        }
    }

    /** Decays a trace in place by {@code millis}. */
    void decay(double[] trace, long millis) {
        if (millis <= 0) {
            return;
        }
        for (int k = 0; k < weights.length; k++) {
            trace[k] *= Math.exp(-ratesPerMilli[k] * millis);
        }
    }

    /** The strength of a trace {@code millis} after it was last brought up to date, without changing it. */
    double value(double[] trace, long millis) {
        double s = 0;
        for (int k = 0; k < weights.length; k++) {
            s += trace[k] * (millis <= 0 ? 1 : Math.exp(-ratesPerMilli[k] * millis));
        }
        return s;
    }

    @Override
    public String toString() {
        return "DecayKernel[" + curve + ", " + weights.length + " components: " + Arrays.toString(weights) + "]";
    }
}
