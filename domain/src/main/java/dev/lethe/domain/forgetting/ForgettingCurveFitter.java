package dev.lethe.domain.forgetting;

import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.UserId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Fits forgetting curves to re-engagement data by maximum likelihood under a decaying-hazard model:
 * after an interaction the user returns to the same key at rate h(Δt) = λ·r(Δt), so a return after Δt
 * contributes log λ + log r(Δt) − λ·R(Δt) and a censored observation −λ·R(Δt), with R(Δt) = ∫₀^Δt r.
 * λ is profiled out (λ̂ = returns / Σ R), the curve parameters are found by a grid search and
 * Nelder–Mead, the family is chosen by held-out log-likelihood on a share of users, standard errors come
 * from the observed information, and per-user curves are shrunk toward the tenant's (see
 * {@code docs/forgetting-model.md}). Pure computation; safe to share between threads.
 */
public final class ForgettingCurveFitter {

    /**
     * How to fit.
     *
     * @param families the families to choose from
     * @param heldOutShare share of users held out to choose the family, in (0, 1)
     * @param seed decides which users are held out
     * @param minReturns fewer returns than this and a scope is not fitted
     * @param bootstrapSamples how many user-level bootstrap refits estimate {@code bootstrap.se.<name>} (0: none)
     */
    public record Options(Set<CurveFamily> families, double heldOutShare, long seed, int minReturns, int bootstrapSamples) {
        public Options {
            if (families == null || families.isEmpty()) {
                throw new IllegalArgumentException("families must name at least one curve family");
            }
            families = Set.copyOf(families);
            if (!(heldOutShare > 0 && heldOutShare < 1)) {
                throw new IllegalArgumentException("heldOutShare must be in (0, 1), got: " + heldOutShare);
            }
            if (minReturns < 1) {
                throw new IllegalArgumentException("minReturns must be at least 1, got: " + minReturns);
            }
            if (bootstrapSamples < 0) {
                throw new IllegalArgumentException("bootstrapSamples must not be negative, got: " + bootstrapSamples);
            }
        }

        /** Options without a bootstrap. */
        public Options(Set<CurveFamily> families, double heldOutShare, long seed, int minReturns) {
            this(families, heldOutShare, seed, minReturns, 0);
        }

        /** Every family, a fifth of the users held out, at least 20 returns per scope, 30 bootstrap refits. */
        public static Options defaults() {
            return new Options(EnumSet.allOf(CurveFamily.class), 0.2, 42, 20, 30);
        }
    }

    private static final double[] PLOT_EDGES = plotEdges();
    private final Options options;

    public ForgettingCurveFitter(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A fitter with {@link Options#defaults()}. */
    public ForgettingCurveFitter() {
        this(Options.defaults());
    }

    /**
     * The tenant curve, one per behaviour type, and one per user shrunk toward the tenant curve;
     * empty when the whole log has fewer than {@code minReturns} returns.
     */
    public Optional<CurveFitReport> fitAll(Reengagements data) {
        Optional<FittedCurve> tenant = fit(data);
        if (tenant.isEmpty()) {
            return Optional.empty();
        }
        Map<BehaviorType, FittedCurve> byType = new EnumMap<>(BehaviorType.class);
        for (BehaviorType type : BehaviorType.values()) {
            Reengagements started = data.startedBy(type);
            // One type only: the type curve is the tenant curve; do not fit it twice.
            if (started.size() == data.size()) {
                byType.put(type, tenant.get());
            } else if (started.returns() >= options.minReturns()) {
                fit(started).ifPresent(f -> byType.put(type, f));
            }
        }
        return Optional.of(new CurveFitReport(data.level(), tenant.get(), byType, shrinkUsers(data, tenant.get().curve())));
    }

    /** The best family's fit, chosen by held-out log-likelihood; empty with fewer than {@code minReturns} returns. */
    public Optional<FittedCurve> fit(Reengagements data) {
        HazardSample all = HazardSample.of(data);
        if (all.returns < options.minReturns()) {
            return Optional.empty();
        }
        List<CurveFamily> families = new ArrayList<>(EnumSet.copyOf(options.families()));
        Map<CurveFamily, Estimate> onAll = new LinkedHashMap<>();
        for (CurveFamily family : families) {
            onAll.put(family, Estimate.of(all, family));
        }
        Map<String, Double> selection = new LinkedHashMap<>();
        CurveFamily best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        int size = data.users().size();
        int[] heldOutFlag = new int[size];
        for (int u = 0; u < size; u++) {
            heldOutFlag[u] = heldOut(data.users().get(u)) ? 1 : 0;
        }
        HazardSample train = HazardSample.of(data.ofUsers(u -> heldOutFlag[u] == 0));
        HazardSample test = HazardSample.of(data.ofUsers(u -> heldOutFlag[u] == 1));
        boolean byHeldOut = families.size() > 1 && train.returns >= options.minReturns() && test.returns > 0;
        for (CurveFamily family : families) {
            double score;
            if (byHeldOut) {
                Estimate e = Estimate.of(train, family);
                score = test.logLikelihood(e.rate, e.curve) / test.observations;
                selection.put("heldOutLogLikelihoodPerObservation." + family.wireName(), score);
            } else {
                score = -aic(onAll.get(family));
            }
            selection.put("aic." + family.wireName(), aic(onAll.get(family)));
            if (score > bestScore || best == null) {
                bestScore = score;
                best = family;
            }
        }
        selection.put("selectedByHeldOut", byHeldOut ? 1.0 : 0.0);
        selection.putAll(bootstrap(data, onAll.get(best)));
        return Optional.of(describe(all, onAll.get(best), selection));
    }

    /** The maximum-likelihood fit of one family, without family selection; empty with fewer than {@code minReturns} returns. */
    public Optional<FittedCurve> fit(Reengagements data, CurveFamily family) {
        HazardSample all = HazardSample.of(data);
        if (all.returns < options.minReturns()) {
            return Optional.empty();
        }
        Estimate e = Estimate.of(all, family);
        Map<String, Double> extra = new LinkedHashMap<>(bootstrap(data, e));
        extra.put("aic." + family.wireName(), aic(e));
        return Optional.of(describe(all, e, extra));
    }

    /**
     * Per-user curves: each user's stretch factor s of the tenant curve's time axis is fitted by
     * maximum likelihood, its variance v taken from the curvature of the profile likelihood, and
     * log s shrunk toward 0 by B = τ² / (τ² + v), with the between-user variance τ² estimated by the
     * method of moments (known prior mean 0): τ² = max(0, (Σ log²s / v − k) / Σ 1/v). Users whose data
     * cannot estimate s (no return, a flat or boundary likelihood) get B = 0: the tenant curve.
     */
    public Map<UserId, UserCurve> shrinkUsers(Reengagements data, ForgettingCurve tenant) {
        List<Reengagements> perUser = data.perUser();
        int n = perUser.size();
        HazardSample[] samples = new HazardSample[n];
        LogScaleShrinkage.Estimate[] estimates = new LogScaleShrinkage.Estimate[n];
        for (int u = 0; u < n; u++) {
            HazardSample s = HazardSample.of(perUser.get(u));
            samples[u] = s;
            estimates[u] = s.returns < 2 ? LogScaleShrinkage.Estimate.NONE
                    : LogScaleShrinkage.estimate(x -> s.profileLogLikelihood(CurveFamily.stretched(tenant, Math.exp(x))));
        }
        double[] weight = LogScaleShrinkage.weights(estimates);
        Map<UserId, UserCurve> users = new HashMap<>();
        for (int u = 0; u < n; u++) {
            double raw = Math.exp(estimates[u].logScale());
            double scale = Math.exp(weight[u] * estimates[u].logScale());
            users.put(data.users().get(u), new UserCurve(data.users().get(u), CurveFamily.stretched(tenant, scale), raw, scale, weight[u],
                    (long) samples[u].returns, (long) samples[u].observations));
        }
        return users;
    }

    /**
     * Standard deviations of the estimates over refits on users drawn with replacement: unlike the
     * information-based errors they allow for the correlation between one user's observations.
     * Each refit starts from the full-data estimate. Also the 5th and 95th percentile of the half-life.
     */
    private Map<String, Double> bootstrap(Reengagements data, Estimate full) {
        Map<String, Double> result = new LinkedHashMap<>();
        int samples = options.bootstrapSamples();
        if (samples == 0 || data.users().size() < 2) {
            return result;
        }
        List<String> names = new ArrayList<>(full.family.parameterNames());
        names.add("halfLifeSeconds");
        names.add("returnRatePerSecond");
        List<double[]> draws = new ArrayList<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(options.seed());
        int users = data.users().size();
        for (int b = 0; b < samples; b++) {
            int[] weight = new int[users];
            for (int k = 0; k < users; k++) {
                weight[random.nextInt(users)]++;
            }
            HazardSample sample = HazardSample.of(data, weight);
            if (sample.returns < 1) {
                continue;
            }
            Estimate e = Estimate.of(sample, full.family, List.of(full.theta));
            double[] natural = full.family.parameters(e.curve);
            double[] row = Arrays.copyOf(natural, natural.length + 2);
            row[natural.length] = e.curve.halfLifeSeconds();
            row[natural.length + 1] = e.rate;
            draws.add(row);
        }
        if (draws.size() < 2) {
            return result;
        }
        for (int q = 0; q < names.size(); q++) {
            final int column = q;
            double[] values = draws.stream().mapToDouble(r -> r[column]).sorted().toArray();
            double mean = Arrays.stream(values).average().orElse(0);
            double variance = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (values.length - 1);
            result.put("bootstrap.se." + names.get(q), Math.sqrt(variance));
            if (names.get(q).equals("halfLifeSeconds")) {
                result.put("bootstrap.halfLifeSeconds.p05", values[(int) Math.floor(0.05 * (values.length - 1))]);
                result.put("bootstrap.halfLifeSeconds.p95", values[(int) Math.ceil(0.95 * (values.length - 1))]);
            }
        }
        result.put("bootstrap.samples", (double) draws.size());
        return result;
    }

    private boolean heldOut(UserId user) {
        long h = user.value().hashCode() * 0x9E3779B97F4A7C15L ^ options.seed() * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
        return Math.floorMod(h, 10_000L) < options.heldOutShare() * 10_000;
    }

    private static double aic(Estimate e) {
        return 2 * (e.family.parameterNames().size() + 1) - 2 * e.logLikelihood;
    }

    private static FittedCurve describe(HazardSample sample, Estimate e, Map<String, Double> extra) {
        Map<String, Double> stats = new LinkedHashMap<>(extra);
        int k = e.family.parameterNames().size() + 1;
        stats.put("observations", sample.observations);
        stats.put("returns", sample.returns);
        stats.put("logLikelihood", e.logLikelihood);
        stats.put("logLikelihoodPerObservation", e.logLikelihood / sample.observations);
        stats.put("aic", aic(e));
        stats.put("bic", k * Math.log(sample.observations) - 2 * e.logLikelihood);
        stats.put("returnRatePerSecond", e.rate);
        stats.put("halfLifeSeconds", e.curve.halfLifeSeconds());
        double[] natural = e.family.parameters(e.curve);
        for (int i = 0; i < natural.length; i++) {
            stats.put(e.family.parameterNames().get(i), natural[i]);
        }
        standardErrors(sample, e).forEach((name, se) -> stats.put("se." + name, se));
        List<RetentionPoint> points = retentionPoints(sample, e.rate, e.curve);
        double sq = 0;
        double exposure = 0;
        double chi2 = 0;
        for (RetentionPoint p : points) {
            sq += p.exposureSeconds() * Math.pow(p.observed() - p.fitted(), 2);
            exposure += p.exposureSeconds();
            double expected = p.fitted() * e.rate * p.exposureSeconds();
            if (expected > 0) {
                chi2 += Math.pow(p.returns() - expected, 2) / expected;
            }
        }
        if (exposure > 0) {
            stats.put("retentionRmse", Math.sqrt(sq / exposure));
            stats.put("pearsonChiSquare", chi2);
            stats.put("pearsonBins", (double) points.size());
        }
        // A curve that barely decays has an infinite half-life (and no finite error for it): leave those out.
        stats.values().removeIf(v -> !Double.isFinite(v));
        return new FittedCurve(e.curve, stats, points);
    }

    /**
     * Standard errors from the inverse of the observed information (a central-difference Hessian of the
     * negative log-likelihood in the unconstrained parameters plus log λ), carried to the natural
     * parameters and the half-life by the delta method. Omitted when the information is singular.
     */
    private static Map<String, Double> standardErrors(HazardSample sample, Estimate e) {
        int p = e.theta.length + 1;
        double[] psi = new double[p];
        psi[0] = Math.log(e.rate);
        System.arraycopy(e.theta, 0, psi, 1, e.theta.length);
        java.util.function.ToDoubleFunction<double[]> nll = x -> -sample.logLikelihood(Math.exp(x[0]), e.family.curve(java.util.Arrays.copyOfRange(x, 1, x.length)));
        double h = 1e-3;
        double[][] hessian = hessian(nll, psi, h);
        Optional<double[][]> covariance = invert(hessian);
        Map<String, Double> se = new LinkedHashMap<>();
        if (covariance.isEmpty()) {
            return se;
        }
        List<String> names = new ArrayList<>();
        names.add("returnRatePerSecond");
        names.addAll(e.family.parameterNames());
        names.add("halfLifeSeconds");
        for (int q = 0; q < names.size(); q++) {
            final int index = q;
            java.util.function.ToDoubleFunction<double[]> quantity = x -> {
                if (index == 0) {
                    return Math.exp(x[0]);
                }
                ForgettingCurve c = e.family.curve(java.util.Arrays.copyOfRange(x, 1, x.length));
                return index <= e.family.parameterNames().size() ? e.family.parameters(c)[index - 1] : c.halfLifeSeconds();
            };
            double[] gradient = new double[p];
            for (int i = 0; i < p; i++) {
                gradient[i] = (quantity.applyAsDouble(shift(psi, i, h, i, 0)) - quantity.applyAsDouble(shift(psi, i, -h, i, 0))) / (2 * h);
            }
            double variance = 0;
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    variance += gradient[i] * covariance.get()[i][j] * gradient[j];
                }
            }
            if (variance >= 0 && Double.isFinite(variance)) {
                se.put(names.get(q), Math.sqrt(variance));
            }
        }
        return se;
    }

    /** The central-difference Hessian of {@code f} at {@code x} with step {@code h}. */
    static double[][] hessian(java.util.function.ToDoubleFunction<double[]> f, double[] x, double h) {
        int p = x.length;
        double[][] hessian = new double[p][p];
        double f0 = f.applyAsDouble(x);
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                double value;
                if (i == j) {
                    value = (f.applyAsDouble(shift(x, i, h, j, 0)) - 2 * f0 + f.applyAsDouble(shift(x, i, -h, j, 0))) / (h * h);
                } else {
                    value = (f.applyAsDouble(shift(x, i, h, j, h)) - f.applyAsDouble(shift(x, i, h, j, -h))
                            - f.applyAsDouble(shift(x, i, -h, j, h)) + f.applyAsDouble(shift(x, i, -h, j, -h))) / (4 * h * h);
                }
                hessian[i][j] = value;
                hessian[j][i] = value;
            }
        }
        return hessian;
    }

    static double[] shift(double[] x, int i, double di, int j, double dj) {
        double[] y = x.clone();
        y[i] += di;
        y[j] += dj;
        return y;
    }

    /** Gauss–Jordan inverse of a small positive-definite matrix; empty when it is not. */
    static Optional<double[][]> invert(double[][] m) {
        int n = m.length;
        double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            if (!(m[i][i] > 0) || !Double.isFinite(m[i][i])) {
                return Optional.empty();
            }
            System.arraycopy(m[i], 0, a[i], 0, n);
            a[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][c]) < 1e-12 * Math.abs(m[c][c])) {
                return Optional.empty();
            }
            double[] t = a[c];
            a[c] = a[pivot];
            a[pivot] = t;
            double d = a[c][c];
            for (int j = 0; j < 2 * n; j++) {
                a[c][j] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != c && a[r][c] != 0) {
                    double f = a[r][c];
                    for (int j = 0; j < 2 * n; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], n, inv[i], 0, n);
            if (!(inv[i][i] > 0)) {
                return Optional.empty();
            }
        }
        return Optional.of(inv);
    }

    /** Bins of half a decade from one second up, preceded by [0, 1 s). */
    private static double[] plotEdges() {
        List<Double> edges = new ArrayList<>();
        edges.add(0.0);
        for (int k = 0; k <= 24; k++) {
            edges.add(Math.pow(10, k / 2.0));
        }
        return edges.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The observed and fitted retention per plot bin; bins nobody was at risk in are left out. */
    static List<RetentionPoint> retentionPoints(HazardSample sample, double rate, ForgettingCurve curve) {
        int bins = PLOT_EDGES.length - 1;
        double[] exposure = new double[bins];
        double[] expected = new double[bins];
        double[] observed = new double[bins];
        accumulate(sample.returnAt, sample.returnCount, true, curve, exposure, expected, observed);
        accumulate(sample.censoredAt, sample.censoredCount, false, curve, exposure, expected, observed);
        List<RetentionPoint> points = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (exposure[b] > 0) {
                double lo = PLOT_EDGES[b];
                double hi = PLOT_EDGES[b + 1];
                double mid = lo == 0 ? hi / 2 : Math.sqrt(lo * hi);
                points.add(new RetentionPoint(lo, hi, mid, observed[b] / (rate * exposure[b]), expected[b] / exposure[b], observed[b], exposure[b]));
            }
        }
        return points;
    }

    private static void accumulate(double[] at, double[] count, boolean returned, ForgettingCurve curve,
            double[] exposure, double[] expected, double[] observed) {
        for (int k = 0; k < at.length; k++) {
            double t = at[k];
            for (int b = 0; b < exposure.length && PLOT_EDGES[b] <= t; b++) {
                double upper = Math.min(t, PLOT_EDGES[b + 1]);
                exposure[b] += count[k] * (upper - PLOT_EDGES[b]);
                expected[b] += count[k] * (CurveFamily.integral(curve, upper) - CurveFamily.integral(curve, PLOT_EDGES[b]));
                if (returned && t < PLOT_EDGES[b + 1]) {
                    observed[b] += count[k];
                }
            }
        }
    }

    /** The maximum-likelihood estimate of one family on one sample. */
    record Estimate(CurveFamily family, double[] theta, ForgettingCurve curve, double rate, double logLikelihood) {
        static Estimate of(HazardSample sample, CurveFamily family) {
            return of(sample, family, family.startingGrid());
        }

        static Estimate of(HazardSample sample, CurveFamily family, List<double[]> startingPoints) {
            java.util.function.ToDoubleFunction<double[]> objective = theta -> -sample.profileLogLikelihood(family.curve(theta));
            List<double[]> starts = new ArrayList<>(startingPoints);
            starts.sort(java.util.Comparator.comparingDouble(objective::applyAsDouble));
            double[] best = null;
            double bestValue = Double.POSITIVE_INFINITY;
            // Polish the three best grid points: the likelihood of mixtures has more than one mode.
            for (int s = 0; s < Math.min(3, starts.size()); s++) {
                double[] theta = NelderMead.minimize(objective, starts.get(s), 0.5, 400 * family.parameterNames().size(), 1e-10);
                theta = NelderMead.minimize(objective, theta, 0.1, 200 * family.parameterNames().size(), 1e-12);
                double v = objective.applyAsDouble(theta);
                if (v < bestValue) {
                    bestValue = v;
                    best = theta;
                }
            }
            // Canonical parameters: the clamped curve's own, so the Hessian is taken where the curve really is.
            ForgettingCurve curve = family.curve(best);
            double[] theta = family.theta(curve);
            double rate = sample.bestRate(curve);
            return new Estimate(family, theta, curve, rate, sample.logLikelihood(rate, curve));
        }
    }
}
