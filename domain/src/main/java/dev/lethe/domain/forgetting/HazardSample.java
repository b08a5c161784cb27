package dev.lethe.domain.forgetting;

import java.util.Arrays;

/**
 * Re-engagement observations compressed for the likelihood: elapsed times fall into buckets 1/100
 * of a decade wide (a relative width of 2.3%), each bucket carries its number of returns and of
 * censored observations and their mean elapsed time. The log-likelihood of the decaying-hazard model
 * h(Δt) = λ·r(Δt) is then a sum over a few hundred buckets instead of a quarter of a million rows.
 */
final class HazardSample {
    private static final int BUCKETS_PER_DECADE = 100;
    private static final double SMALLEST = 1e-3;

    final double[] returnAt;
    final double[] returnCount;
    final double[] censoredAt;
    final double[] censoredCount;
    final double returns;
    final double observations;
    /** Whether the returns are exposed too (hazard fit) or only {@code censoredAt} is (excitation fit). */
    private final boolean returnsExposed;

    private HazardSample(double[] returnAt, double[] returnCount, double[] censoredAt, double[] censoredCount, boolean returnsExposed) {
        this.returnAt = returnAt;
        this.returnCount = returnCount;
        this.censoredAt = censoredAt;
        this.censoredCount = censoredCount;
        this.returnsExposed = returnsExposed;
        this.returns = Arrays.stream(returnCount).sum();
        this.observations = returnsExposed ? returns + Arrays.stream(censoredCount).sum() : Arrays.stream(censoredCount).sum();
    }

    /**
     * A sample for the excitation fit's M-step: log r is summed at {@code at} with {@code weight}s and
     * R at every {@code exposureAt} once; reuses the bucketing and the optimiser of the hazard fit.
     */
    static HazardSample weighted(double[] at, double[] weight, int n, double[] exposureAt, int m) {
        java.util.Map<Integer, double[]> returned = new java.util.HashMap<>();
        java.util.Map<Integer, double[]> exposed = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            double[] acc = returned.computeIfAbsent(bucket(at[i]), b -> new double[2]);
            acc[0] += weight[i];
            acc[1] += weight[i] * at[i];
        }
        for (int i = 0; i < m; i++) {
            double[] acc = exposed.computeIfAbsent(bucket(exposureAt[i]), b -> new double[2]);
            acc[0] += 1;
            acc[1] += exposureAt[i];
        }
        double[][] r = flatten(returned);
        double[][] e = flatten(exposed);
        return new HazardSample(r[0], r[1], e[0], e[1], false);
    }

    private static int bucket(double t) {
        return t < SMALLEST ? -1 : (int) Math.floor(BUCKETS_PER_DECADE * Math.log10(t / SMALLEST));
    }

    static HazardSample of(Reengagements data) {
        return of(data, null);
    }

    /** The sample with each user's observations counted {@code userWeight[user]} times (all once when null): a bootstrap draw. */
    static HazardSample of(Reengagements data, int[] userWeight) {
        java.util.Map<Integer, double[]> returned = new java.util.HashMap<>();
        java.util.Map<Integer, double[]> censored = new java.util.HashMap<>();
        for (int i = 0; i < data.size(); i++) {
            int w = userWeight == null ? 1 : userWeight[data.user(i)];
            if (w == 0) {
                continue;
            }
            double t = data.elapsedSeconds(i);
            double[] acc = (data.returned(i) ? returned : censored).computeIfAbsent(bucket(t), b -> new double[2]);
            acc[0] += w;
            acc[1] += w * t;
        }
        double[][] r = flatten(returned);
        double[][] c = flatten(censored);
        return new HazardSample(r[0], r[1], c[0], c[1], true);
    }

    private static double[][] flatten(java.util.Map<Integer, double[]> buckets) {
        int[] keys = buckets.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        double[] at = new double[keys.length];
        double[] count = new double[keys.length];
        for (int k = 0; k < keys.length; k++) {
            double[] acc = buckets.get(keys[k]);
            count[k] = acc[0];
            at[k] = acc[1] / acc[0];
        }
        return new double[][] {at, count};
    }

    /** Σ R(Δt) over every observation: the exposure in units of initial interest-seconds. */
    double integratedRetention(ForgettingCurve curve) {
        double s = 0;
        for (int k = 0; returnsExposed && k < returnAt.length; k++) {
            s += returnCount[k] * CurveFamily.integral(curve, returnAt[k]);
        }
        for (int k = 0; k < censoredAt.length; k++) {
            s += censoredCount[k] * CurveFamily.integral(curve, censoredAt[k]);
        }
        return s;
    }

    /** Σ log r(Δt) over the returns. */
    double logRetentionAtReturns(ForgettingCurve curve) {
        double s = 0;
        for (int k = 0; k < returnAt.length; k++) {
            s += returnCount[k] * CurveFamily.logRetention(curve, returnAt[k]);
        }
        return s;
    }

    /** The log-likelihood at return rate {@code rate} (per second) and {@code curve}. */
    double logLikelihood(double rate, ForgettingCurve curve) {
        return returns * Math.log(rate) + logRetentionAtReturns(curve) - rate * integratedRetention(curve);
    }

    /** The return rate maximising the likelihood for {@code curve}: returns / Σ R(Δt). */
    double bestRate(ForgettingCurve curve) {
        return returns / integratedRetention(curve);
    }

    /** The log-likelihood with the return rate profiled out. */
    double profileLogLikelihood(ForgettingCurve curve) {
        if (returns == 0) {
            return 0;
        }
        double s = integratedRetention(curve);
        return returns * Math.log(returns / s) - returns + logRetentionAtReturns(curve);
    }
}
