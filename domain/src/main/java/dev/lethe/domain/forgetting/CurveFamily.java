package dev.lethe.domain.forgetting;

import java.util.List;
import java.util.Locale;

/**
 * The parametric families a forgetting curve is fitted from, with the unconstrained parameterisation
 * the optimiser works in (logarithms of times and decays, the logit of a weight) and the integral
 * R(Δt) = ∫₀^Δt r(s) ds the likelihood needs.
 */
public enum CurveFamily {
    EXPONENTIAL(List.of("halfLifeSeconds")),
    POWER_LAW(List.of("decay", "epsilonSeconds")),
    TWO_PHASE(List.of("fastHalfLifeSeconds", "slowHalfLifeSeconds", "fastWeight"));

    /** Times are kept within a millisecond and about 30,000 years so every curve stays finite. */
    static final double MIN_SECONDS = 1e-3;
    static final double MAX_SECONDS = 1e12;
    static final double MIN_DECAY = 1e-4;
    static final double MAX_DECAY = 50;
    private static final double LN2 = Math.log(2);

    private final List<String> parameterNames;

    CurveFamily(List<String> parameterNames) {
        this.parameterNames = parameterNames;
    }

    /** The family of {@code curve}. */
    public static CurveFamily of(ForgettingCurve curve) {
        if (curve instanceof ExponentialCurve) {
            return EXPONENTIAL;
        }
        if (curve instanceof PowerLawCurve) {
            return POWER_LAW;
        }
        return TWO_PHASE;
    }

    /** Parses the wire name of a family ({@code exponential}, {@code power-law}, {@code two-phase}). */
    public static CurveFamily parse(String text) {
        for (CurveFamily family : values()) {
            if (family.wireName().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return family;
            }
        }
        throw new IllegalArgumentException("curve family must be one of exponential, power-law, two-phase, got: " + text);
    }

    /** The wire name, as {@link ForgettingCurve#family()} spells it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The names of the natural parameters, in the order of {@link #parameters}. */
    public List<String> parameterNames() {
        return parameterNames;
    }

    /** The natural parameters of {@code curve} (which must be of this family). */
    public double[] parameters(ForgettingCurve curve) {
        if (curve instanceof ExponentialCurve e) {
            return new double[] {e.halfLifeSeconds()};
        }
        if (curve instanceof PowerLawCurve p) {
            return new double[] {p.decay(), p.epsilonSeconds()};
        }
        TwoPhaseCurve t = (TwoPhaseCurve) curve;
        return new double[] {t.fastHalfLifeSeconds(), t.slowHalfLifeSeconds(), t.fastWeight()};
    }

    /** The curve of unconstrained parameters {@code theta}, clamped into the valid range. */
    ForgettingCurve curve(double[] theta) {
        switch (this) {
            case EXPONENTIAL:
                return new ExponentialCurve(time(theta[0]));
            case POWER_LAW:
                return new PowerLawCurve(clamp(Math.exp(theta[0]), MIN_DECAY, MAX_DECAY), time(theta[1]));
            default:
                double fast = time(theta[0]);
                double slow = Math.min(MAX_SECONDS, Math.max(fast, fast + Math.exp(theta[1])));
                double w = 1 / (1 + Math.exp(-theta[2]));
                return new TwoPhaseCurve(fast, slow, clamp(w, 1e-9, 1 - 1e-9));
        }
    }

    /** The unconstrained parameters of {@code curve}, the inverse of {@link #curve(double[])}. */
    double[] theta(ForgettingCurve curve) {
        double[] p = parameters(curve);
        switch (this) {
            case EXPONENTIAL:
                return new double[] {Math.log(p[0])};
            case POWER_LAW:
                return new double[] {Math.log(p[0]), Math.log(p[1])};
            default:
                double w = clamp(p[2], 1e-9, 1 - 1e-9);
                return new double[] {Math.log(p[0]), Math.log(Math.max(p[1] - p[0], MIN_SECONDS)), Math.log(w / (1 - w))};
        }
    }

    /** Starting points for the optimiser: a coarse grid over plausible parameters. */
    List<double[]> startingGrid() {
        List<double[]> grid = new java.util.ArrayList<>();
        switch (this) {
            case EXPONENTIAL:
                for (double t = 60; t < 3e9; t *= 2) {
                    grid.add(new double[] {Math.log(t)});
                }
                break;
            case POWER_LAW:
                for (double d : new double[] {0.05, 0.1, 0.2, 0.35, 0.6, 1, 1.6, 3}) {
                    for (double eps = 1; eps < 1e8; eps *= 5) {
                        grid.add(new double[] {Math.log(d), Math.log(eps)});
                    }
                }
                break;
            default:
                for (double fast = 60; fast < 1e7; fast *= 6) {
                    for (double ratio : new double[] {4, 16, 64, 256, 1024, 4096}) {
                        for (double w : new double[] {0.25, 0.5, 0.75, 0.9}) {
                            grid.add(new double[] {Math.log(fast), Math.log(fast * (ratio - 1)), Math.log(w / (1 - w))});
                        }
                    }
                }
        }
        return grid;
    }

    /** ∫₀^t r(s) ds for any curve. */
    static double integral(ForgettingCurve curve, double t) {
        if (t <= 0) {
            return 0;
        }
        if (curve instanceof ExponentialCurve e) {
            return exponentialIntegral(e.halfLifeSeconds(), t);
        }
        if (curve instanceof PowerLawCurve p) {
            double eps = p.epsilonSeconds();
            double logX = Math.log1p(t / eps);
            double a = 1 - p.decay();
            double x = a * logX;
            // ε·(exp(aL) − 1)/a, written so that d → 1 (a → 0) tends smoothly to ε·L.
            return Math.abs(x) < 1e-9 ? eps * logX : eps * logX * (Math.expm1(x) / x);
        }
        TwoPhaseCurve c = (TwoPhaseCurve) curve;
        return c.fastWeight() * exponentialIntegral(c.fastHalfLifeSeconds(), t)
                + (1 - c.fastWeight()) * exponentialIntegral(c.slowHalfLifeSeconds(), t);
    }

    /** log r(t), accurate where r underflows. */
    static double logRetention(ForgettingCurve curve, double t) {
        double dt = Math.max(0, t);
        if (curve instanceof ExponentialCurve e) {
            return -LN2 * dt / e.halfLifeSeconds();
        }
        if (curve instanceof PowerLawCurve p) {
            return -p.decay() * Math.log1p(dt / p.epsilonSeconds());
        }
        TwoPhaseCurve c = (TwoPhaseCurve) curve;
        double a = Math.log(c.fastWeight()) - LN2 * dt / c.fastHalfLifeSeconds();
        double b = Math.log1p(-c.fastWeight()) - LN2 * dt / c.slowHalfLifeSeconds();
        double m = Math.max(a, b);
        return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
    }

    /** {@code curve} on a time axis stretched by {@code factor}: r'(t) = r(t / factor). */
    static ForgettingCurve stretched(ForgettingCurve curve, double factor) {
        if (curve instanceof ExponentialCurve e) {
            return new ExponentialCurve(clamp(e.halfLifeSeconds() * factor, MIN_SECONDS, MAX_SECONDS));
        }
        if (curve instanceof PowerLawCurve p) {
            return new PowerLawCurve(p.decay(), clamp(p.epsilonSeconds() * factor, MIN_SECONDS, MAX_SECONDS));
        }
        TwoPhaseCurve c = (TwoPhaseCurve) curve;
        double fast = clamp(c.fastHalfLifeSeconds() * factor, MIN_SECONDS, MAX_SECONDS);
        double slow = Math.max(fast, clamp(c.slowHalfLifeSeconds() * factor, MIN_SECONDS, MAX_SECONDS));
        return new TwoPhaseCurve(fast, slow, c.fastWeight());
    }

    private static double exponentialIntegral(double halfLife, double t) {
        double k = LN2 / halfLife;
        return -Math.expm1(-k * t) / k;
    }

    private static double time(double logSeconds) {
        return clamp(Math.exp(logSeconds), MIN_SECONDS, MAX_SECONDS);
    }

    private static double clamp(double v, double lo, double hi) {
        return Double.isNaN(v) ? lo : Math.max(lo, Math.min(hi, v));
    }
}
