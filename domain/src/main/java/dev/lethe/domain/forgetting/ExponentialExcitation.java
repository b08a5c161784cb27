package dev.lethe.domain.forgetting;

import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.forgetting.EventStreams.Windows;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The self-exciting (Hawkes) likelihood of users' behaviour streams with exponential kernels: user u
 * behaves at rate λ_u(t) = b_u + Σ_{j: t_j &lt; t} α_g(j)·2^(−(t − t_j)/h_g(j)), a constant background
 * plus the decayed interest every past behaviour left, where the kernel (α, h) may differ by group of
 * behaviour types. The log-likelihood of a window is Σ log λ_u(t_i) − ∫ λ_u; each user's background is
 * profiled out (one concave equation), so a fit searches the kernels only. The recursion
 * A_i = e^(−β·(t_i − t_{i−1}))·(A_{i−1} + 1) makes one evaluation O(behaviours × groups).
 */
final class ExponentialExcitation {
    private static final double LN2 = Math.log(2);
    private static final double MIN_BACKGROUND = 1e-12;
    private static final double MIN_HALF_LIFE = 1;
    private static final double MAX_HALF_LIFE = 1e10;
    private static final double[] GRID_HALF_LIVES = {3_600, 21_600, 86_400, 3 * 86_400.0, 10 * 86_400.0, 30 * 86_400.0,
        100 * 86_400.0, 300 * 86_400.0};
    private static final double[] GRID_BRANCHING = {0.2, 0.5, 0.8};

    private ExponentialExcitation() {}

    /**
     * Kernels per group: α (per second) and half-life (seconds); {@code groupOf[type.ordinal()]} is the
     * group whose kernel a behaviour of that type leaves.
     */
    record Kernel(double[] alpha, double[] halfLife, int[] groupOf) {
        static Kernel single(double alpha, double halfLife) {
            return new Kernel(new double[] {alpha}, new double[] {halfLife}, new int[BehaviorType.values().length]);
        }

        int groups() {
            return alpha.length;
        }

        /** The expected number of behaviours one behaviour of the group triggers: α·h/ln 2. */
        double branching(int g) {
            return alpha[g] * halfLife[g] / LN2;
        }

        /** Every half-life times {@code factor}, the branching ratios kept. */
        Kernel stretched(double factor) {
            double[] a = alpha.clone();
            double[] h = halfLife.clone();
            for (int g = 0; g < a.length; g++) {
                a[g] /= factor;
                h[g] *= factor;
            }
            return new Kernel(a, h, groupOf);
        }

        double[] theta() {
            double[] theta = new double[2 * alpha.length];
            for (int g = 0; g < alpha.length; g++) {
                theta[2 * g] = Math.log(alpha[g]);
                theta[2 * g + 1] = Math.log(halfLife[g]);
            }
            return theta;
        }

        Kernel withTheta(double[] theta) {
            double[] a = new double[alpha.length];
            double[] h = new double[alpha.length];
            for (int g = 0; g < a.length; g++) {
                h[g] = Math.min(MAX_HALF_LIFE, Math.max(MIN_HALF_LIFE, Math.exp(theta[2 * g + 1])));
                a[g] = Math.min(1.0, Math.max(1e-18, Math.exp(theta[2 * g])));
            }
            return new Kernel(a, h, groupOf);
        }
    }

    /** A fitted kernel, the backgrounds it implies and its log-likelihood; {@code seLogHalfLife} NaN where singular. */
    record Fit(Kernel kernel, double[] background, double logLikelihood, int scoredEvents, double[] seLogHalfLife) {
        double backgroundShare(EventStreams s, Windows w) {
            double expected = 0;
            for (int u = 0; u < background.length; u++) {
                expected += background[u] * Math.max(0, w.to()[u] - w.from()[u]);
            }
            return scoredEvents == 0 ? 0 : expected / scoredEvents;
        }
    }

    /** The log-likelihood of the windows with each user's background profiled out (written to {@code backgroundOut} when not null). */
    static double logLikelihood(EventStreams s, Windows w, Kernel k, double[] backgroundOut) {
        double total = 0;
        for (int u = 0; u < s.userCount(); u++) {
            Terms t = terms(s, w, u, k);
            double b = bestBackground(t.excitation, t.excitation.length, t.span, backgroundOut == null ? Double.NaN : backgroundOut[u]);
            if (backgroundOut != null) {
                backgroundOut[u] = b;
            }
            total += t.logLikelihood(b);
        }
        return total;
    }

    /** The log-likelihood of the windows at the given backgrounds (a prediction: nothing is refitted). */
    static double predictiveLogLikelihood(EventStreams s, Windows w, Kernel k, double[] background) {
        double total = 0;
        for (int u = 0; u < s.userCount(); u++) {
            total += userLogLikelihood(s, w, u, k, background[u]);
        }
        return total;
    }

    /** One user's log-likelihood over their window at background {@code background}. */
    static double userLogLikelihood(EventStreams s, Windows w, int u, Kernel k, double background) {
        return terms(s, w, u, k).logLikelihood(Math.max(MIN_BACKGROUND, background));
    }

    /** The background that maximises one user's log-likelihood over their window. */
    static double userBackground(EventStreams s, Windows w, int u, Kernel k) {
        Terms t = terms(s, w, u, k);
        return bestBackground(t.excitation, t.excitation.length, t.span, Double.NaN);
    }

    /** One user's log-likelihood over their window at the background that maximises it. */
    static double userProfileLogLikelihood(EventStreams s, Windows w, int u, Kernel k) {
        Terms t = terms(s, w, u, k);
        return t.logLikelihood(bestBackground(t.excitation, t.excitation.length, t.span, Double.NaN));
    }

    /** A user's window reduced to what the background needs: the excitation at each scored behaviour, the compensator, the span. */
    private record Terms(double[] excitation, double compensator, double span) {
        double logLikelihood(double b) {
            double sum = 0;
            for (double c : excitation) {
                sum += Math.log(b + c);
            }
            return sum - b * span - compensator;
        }
    }

    private static Terms terms(EventStreams s, Windows w, int u, Kernel k) {
        int groups = k.groups();
        double[] beta = new double[groups];
        for (int g = 0; g < groups; g++) {
            beta[g] = LN2 / k.halfLife()[g];
        }
        double[] a = new double[groups];
        int firstScored = w.firstScored()[u];
        int lastScored = w.lastScored()[u];
        int n = Math.max(0, lastScored - firstScored + 1);
        double[] c = new double[n];
        double from = w.from()[u];
        double to = w.to()[u];
        double compensator = 0;
        double previous = 0;
        for (int i = s.start[u]; i <= lastScored; i++) {
            double t = s.time[i];
            if (i > s.start[u]) {
                double gap = t - previous;
                for (int g = 0; g < groups; g++) {
                    a[g] *= Math.exp(-beta[g] * gap);
                }
            }
            if (i >= firstScored) {
                double excitation = 0;
                for (int g = 0; g < groups; g++) {
                    excitation += k.alpha()[g] * a[g];
                }
                c[i - firstScored] = excitation;
            }
            int g = k.groupOf()[s.type[i].ordinal()];
            a[g] += 1;
            previous = t;
            compensator += k.alpha()[g] * (integral(beta[g], to - t) - integral(beta[g], from - t));
        }
        return new Terms(c, compensator, Math.max(1, to - from));
    }

    /** ∫₀^x e^(−β·s) ds, 0 for x ≤ 0. */
    private static double integral(double beta, double x) {
        return x <= 0 ? 0 : -Math.expm1(-beta * x) / beta;
    }

    /**
     * The b ≥ 0 maximising Σ log(b + cᵢ) − b·T: the root of Σ 1/(b + cᵢ) = T, a convex decreasing function,
     * so Newton converges monotonically from either side (a step below 0 is cut to a tenth); from {@code warm}
     * when it is a positive number (the previous evaluation's root), else from the upper bound n/T.
     */
    private static double bestBackground(double[] c, int n, double span, double warm) {
        if (n == 0) {
            return MIN_BACKGROUND;
        }
        double atMin = 0;
        for (int i = 0; i < n; i++) {
            atMin += 1 / (MIN_BACKGROUND + c[i]);
        }
        if (atMin <= span) {
            return MIN_BACKGROUND;
        }
        double b = warm > MIN_BACKGROUND ? Math.min(warm, n / span) : n / span;
        for (int iteration = 0; iteration < 200; iteration++) {
            double g = -span;
            double gp = 0;
            for (int i = 0; i < n; i++) {
                double inv = 1 / (b + c[i]);
                g += inv;
                gp -= inv * inv;
            }
            double next = b - g / gp;
            if (!(next > 0)) {
                next = b / 10;
            }
            if (Math.abs(next - b) <= 1e-13 * b) {
                return Math.max(MIN_BACKGROUND, next);
            }
            b = next;
        }
        return Math.max(MIN_BACKGROUND, b);
    }

    /** The maximum-likelihood kernels (one per group) on the windows; from a grid when {@code start} is empty. */
    static Fit fit(EventStreams s, Windows w, int[] groupOf, int groups, Optional<Kernel> start) {
        double[] warm = new double[s.userCount()];
        Kernel shape = start.orElseGet(() -> gridKernel(groupOf, groups, 1, 1));
        ToDoubleFunction<double[]> objective = theta -> -logLikelihood(s, w, shape.withTheta(theta), warm);
        double[] best;
        if (start.isPresent()) {
            best = start.get().theta();
        } else {
            best = null;
            double bestValue = Double.POSITIVE_INFINITY;
            for (double h : GRID_HALF_LIVES) {
                for (double n : GRID_BRANCHING) {
                    double[] theta = gridKernel(groupOf, groups, n * LN2 / h, h).theta();
                    double v = objective.applyAsDouble(theta);
                    if (v < bestValue) {
                        bestValue = v;
                        best = theta;
                    }
                }
            }
        }
        int dims = best.length;
        if (start.isEmpty()) {
            best = NelderMead.minimize(objective, best, 0.5, 300 * dims, 1e-11);
        }
        // From a good start (the training fit, the tenant kernel for the per-type kernels) a local polish suffices;
        // the per-type kernels (2 parameters per type) get a short one, their estimates are the noisiest anyway.
        best = NelderMead.minimize(objective, best, 0.1, (start.isEmpty() ? 120 : dims > 2 ? 25 : 60) * dims, 1e-11);
        Kernel kernel = gridKernel(groupOf, groups, 1, 1).withTheta(best);
        double[] background = new double[s.userCount()];
        double ll = logLikelihood(s, w, kernel, background);
        return new Fit(kernel, background, ll, w.scoredEvents(), seLogHalfLife(objective, kernel.theta()));
    }

    /** The kernel's α refitted with its half-lives held fixed (a reference curve that is not learned). */
    static Fit fitRateOnly(EventStreams s, Windows w, Kernel fixedHalfLife) {
        double[] warm = new double[s.userCount()];
        double[] theta0 = fixedHalfLife.theta();
        ToDoubleFunction<double[]> objective = x -> {
            double[] theta = theta0.clone();
            for (int g = 0; g < fixedHalfLife.groups(); g++) {
                theta[2 * g] = x[g];
            }
            return -logLikelihood(s, w, fixedHalfLife.withTheta(theta), warm);
        };
        double[] x = new double[fixedHalfLife.groups()];
        for (int g = 0; g < x.length; g++) {
            x[g] = theta0[2 * g];
        }
        x = NelderMead.minimize(objective, x, 0.5, 200 * x.length, 1e-11);
        double[] theta = theta0.clone();
        for (int g = 0; g < x.length; g++) {
            theta[2 * g] = x[g];
        }
        Kernel kernel = fixedHalfLife.withTheta(theta);
        double[] background = new double[s.userCount()];
        double ll = logLikelihood(s, w, kernel, background);
        double[] se = new double[fixedHalfLife.groups()];
        Arrays.fill(se, Double.NaN);
        return new Fit(kernel, background, ll, w.scoredEvents(), se);
    }

    private static Kernel gridKernel(int[] groupOf, int groups, double alpha, double halfLife) {
        double[] a = new double[groups];
        double[] h = new double[groups];
        Arrays.fill(a, alpha);
        Arrays.fill(h, halfLife);
        return new Kernel(a, h, groupOf);
    }

    /** Standard errors of log h per group from the observed information (a central-difference Hessian); NaN where singular. */
    private static double[] seLogHalfLife(ToDoubleFunction<double[]> negLogLikelihood, double[] theta) {
        int p = theta.length;
        double[][] hessian = ForgettingCurveFitter.hessian(negLogLikelihood, theta, 1e-2);
        double[] se = new double[p / 2];
        Arrays.fill(se, Double.NaN);
        ForgettingCurveFitter.invert(hessian).ifPresent(cov -> {
            for (int g = 0; g < se.length; g++) {
                se[g] = Math.sqrt(cov[2 * g + 1][2 * g + 1]);
            }
        });
        return se;
    }
}
