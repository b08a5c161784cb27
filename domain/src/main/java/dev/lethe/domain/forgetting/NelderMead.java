package dev.lethe.domain.forgetting;

import java.util.function.ToDoubleFunction;

/** A derivative-free minimiser for the few-parameter likelihoods of the curve families. */
final class NelderMead {
    private NelderMead() {}

    /** Minimises {@code f} from {@code start} with initial steps of {@code step}; returns the best point. */
    static double[] minimize(ToDoubleFunction<double[]> f, double[] start, double step, int maxEvaluations, double tolerance) {
        int n = start.length;
        double[][] simplex = new double[n + 1][];
        double[] values = new double[n + 1];
        simplex[0] = start.clone();
        for (int i = 1; i <= n; i++) {
            simplex[i] = start.clone();
            simplex[i][i - 1] += step;
        }
        for (int i = 0; i <= n; i++) {
            values[i] = safe(f.applyAsDouble(simplex[i]));
        }
        int evaluations = n + 1;
        while (evaluations < maxEvaluations) {
            sort(simplex, values);
            if (Math.abs(values[n] - values[0]) <= tolerance * (1 + Math.abs(values[0])) && spread(simplex) < 1e-6) {
                break;
            }
            double[] centroid = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    centroid[j] += simplex[i][j] / n;
                }
            }
            double[] reflected = along(centroid, simplex[n], -1);
            double fr = safe(f.applyAsDouble(reflected));
            evaluations++;
            if (fr < values[0]) {
                double[] expanded = along(centroid, simplex[n], -2);
                double fe = safe(f.applyAsDouble(expanded));
                evaluations++;
                if (fe < fr) {
                    simplex[n] = expanded;
                    values[n] = fe;
                } else {
                    simplex[n] = reflected;
                    values[n] = fr;
                }
            } else if (fr < values[n - 1]) {
                simplex[n] = reflected;
                values[n] = fr;
            } else {
                double[] contracted = fr < values[n] ? along(centroid, simplex[n], -0.5) : along(centroid, simplex[n], 0.5);
                double fc = safe(f.applyAsDouble(contracted));
                evaluations++;
                if (fc < Math.min(fr, values[n])) {
                    simplex[n] = contracted;
                    values[n] = fc;
                } else {
                    for (int i = 1; i <= n; i++) {
                        simplex[i] = along(simplex[0], simplex[i], 0.5);
                        values[i] = safe(f.applyAsDouble(simplex[i]));
                    }
                    evaluations += n;
                }
            }
        }
        sort(simplex, values);
        return simplex[0];
    }

    /** centroid + t·(point − centroid). */
    private static double[] along(double[] centroid, double[] point, double t) {
        double[] p = new double[centroid.length];
        for (int j = 0; j < p.length; j++) {
            p[j] = centroid[j] + t * (point[j] - centroid[j]);
        }
        return p;
    }

    private static double spread(double[][] simplex) {
        double max = 0;
        for (int i = 1; i < simplex.length; i++) {
            for (int j = 0; j < simplex[0].length; j++) {
                max = Math.max(max, Math.abs(simplex[i][j] - simplex[0][j]));
            }
        }
        return max;
    }

    private static void sort(double[][] simplex, double[] values) {
        for (int i = 1; i < values.length; i++) {
            for (int j = i; j > 0 && values[j] < values[j - 1]; j--) {
                double v = values[j];
                values[j] = values[j - 1];
                values[j - 1] = v;
                double[] p = simplex[j];
                simplex[j] = simplex[j - 1];
                simplex[j - 1] = p;
            }
        }
    }

    private static double safe(double v) {
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }
}
