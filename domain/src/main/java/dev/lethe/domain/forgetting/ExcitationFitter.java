package dev.lethe.domain.forgetting;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Fits a forgetting curve as the kernel of a self-exciting (Hawkes) process, by expectation–maximisation.
 * Each user's engagements with a key (an item or a category) arrive at rate bₛ + α·Σ r(t − tⱼ) over the
 * earlier engagements j with that key: a constant background per user and key plus the decayed
 * interest left by each past engagement. Unlike the renewal view of {@link ForgettingCurveFitter},
 * returns that would have happened anyway (the background) do not stretch the curve, and every past
 * engagement, not only the latest, keeps the interest alive. E-step: the probability that engagement i
 * was triggered by j, or by the background. M-step: bₛ = expected background engagements / the user's
 * window; α and the curve maximise Σ pᵢⱼ·log(α·r(Δᵢⱼ)) − α·Σⱼ R(T − tⱼ), by the same optimiser as the
 * hazard fit. Pure computation; safe to share between threads.
 */
public final class ExcitationFitter {

    /**
     * How to fit.
     *
     * @param family the kernel's family
     * @param maxIterations EM iterations at most
     * @param maxParents how many preceding engagements of the same key may have triggered an engagement
     * @param tolerance stop when the log-likelihood improves by less than this share
     */
    public record Options(CurveFamily family, int maxIterations, int maxParents, double tolerance) {
        public Options {
            Objects.requireNonNull(family, "family");
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations must be at least 1, got: " + maxIterations);
            }
            if (maxParents < 1) {
                throw new IllegalArgumentException("maxParents must be at least 1, got: " + maxParents);
            }
            if (!(tolerance > 0)) {
                throw new IllegalArgumentException("tolerance must be positive, got: " + tolerance);
            }
        }

        /** An exponential kernel, up to 300 iterations, 2,000 parents, relative tolerance 1e-9. */
        public static Options defaults() {
            return new Options(CurveFamily.EXPONENTIAL, 300, 2000, 1e-9);
        }
    }

    private static final int BUCKETS = 1502;
    /** Parents whose excitation is below this share of the background are left out of the E-step. */
    private static final double NEGLIGIBLE = 1e-9;
    private final Options options;

    public ExcitationFitter(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A fitter with {@link Options#defaults()}. */
    public ExcitationFitter() {
        this(Options.defaults());
    }

    /** The fit on {@code log}; empty when no key was engaged with twice by a user. */
    public Optional<ExcitationFit> fit(List<Behavior> log, Map<ItemId, Set<String>> categories, ReengagementLevel level) {
        Sequences data = Sequences.of(log, categories, level);
        if (data.events() == data.sequences()) {
            return Optional.empty();
        }
        CurveFamily family = options.family();
        double meanWindow = Arrays.stream(data.window).average().orElse(1);
        ForgettingCurve curve = family.curve(family.theta(ExponentialCurve.ofDays(Math.max(meanWindow / 86_400 / 20, 1e-3))));
        if (family != CurveFamily.EXPONENTIAL) {
            curve = family.curve(family.startingGrid().get(family.startingGrid().size() / 2));
        }
        double alpha = 0.5 / CurveFamily.integral(curve, meanWindow);
        double[] background = new double[data.sequences()];
        for (int s = 0; s < background.length; s++) {
            background[s] = 0.5 * (data.start[s + 1] - data.start[s]) / data.window[s];
        }
        double[] bucketWeight = new double[BUCKETS];
        double[] bucketDelay = new double[BUCKETS];
        double[] backgroundExpected = new double[data.sequences()];
        double previous = Double.NEGATIVE_INFINITY;
        double logLikelihood = Double.NEGATIVE_INFINITY;
        int iteration = 0;
        List<double[]> starts = family.startingGrid();
        while (iteration < options.maxIterations()) {
            iteration++;
            Arrays.fill(bucketWeight, 0);
            Arrays.fill(bucketDelay, 0);
            logLikelihood = expectation(data, curve, alpha, background, bucketWeight, bucketDelay, backgroundExpected);
            if (Math.abs(logLikelihood - previous) <= options.tolerance() * Math.abs(logLikelihood)) {
                break;
            }
            previous = logLikelihood;
            for (int s = 0; s < background.length; s++) {
                background[s] = backgroundExpected[s] / data.window[s];
            }
            HazardSample offspring = offspring(bucketWeight, bucketDelay, data.exposure);
            if (offspring.returns <= 0) {
                break;
            }
            ForgettingCurveFitter.Estimate e = ForgettingCurveFitter.Estimate.of(offspring, family, starts);
            curve = e.curve();
            alpha = e.rate();
            starts = List.of(e.theta());
        }
        double backgroundEvents = Arrays.stream(backgroundExpected).sum();
        Map<String, Double> stats = new LinkedHashMap<>();
        stats.put("halfLifeSeconds", curve.halfLifeSeconds());
        double[] natural = family.parameters(curve);
        for (int i = 0; i < natural.length; i++) {
            stats.put(family.parameterNames().get(i), natural[i]);
        }
        stats.put("alphaPerSecond", alpha);
        stats.put("branchingRatio", alpha * CurveFamily.integral(curve, CurveFamily.MAX_SECONDS));
        stats.put("backgroundShare", backgroundEvents / data.events());
        stats.put("logLikelihood", logLikelihood);
        stats.put("iterations", (double) iteration);
        stats.put("events", (double) data.events());
        stats.put("sequences", (double) data.sequences());
        stats.values().removeIf(v -> !Double.isFinite(v));
        return Optional.of(new ExcitationFit(curve, stats));
    }

    /** One E-step: fills the offspring delay buckets and the expected background counts; returns the log-likelihood. */
    private double expectation(Sequences data, ForgettingCurve curve, double alpha, double[] background,
            double[] bucketWeight, double[] bucketDelay, double[] backgroundExpected) {
        if (curve instanceof ExponentialCurve exponential) {
            return exponentialExpectation(data, Math.log(2) / exponential.halfLifeSeconds(), curve, alpha, background,
                    bucketWeight, bucketDelay, backgroundExpected);
        }
        double logLikelihood = 0;
        double[] kernel = new double[options.maxParents()];
        for (int s = 0; s < data.sequences(); s++) {
            int from = data.start[s];
            int to = data.start[s + 1];
            double b = background[s];
            double expectedBackground = 0;
            for (int i = from; i < to; i++) {
                // Walk back through the possible parents until their excitation is negligible beside the background.
                int first = i;
                double intensity = b;
                while (first > from && i - first < options.maxParents()) {
                    double k = alpha * curve.retention(data.time[i] - data.time[first - 1]);
                    if (k < NEGLIGIBLE * b) {
                        break;
                    }
                    first--;
                    kernel[i - 1 - first] = k;
                    intensity += k;
                }
                logLikelihood += Math.log(intensity);
                expectedBackground += b / intensity;
                for (int j = first; j < i; j++) {
                    double p = kernel[i - 1 - j] / intensity;
                    if (p > 0) {
                        double delay = data.time[i] - data.time[j];
                        int k = bucket(delay);
                        bucketWeight[k] += p;
                        bucketDelay[k] += p * delay;
                    }
                }
                logLikelihood -= alpha * CurveFamily.integral(curve, data.exposure[i]);
            }
            logLikelihood -= b * data.window[s];
            backgroundExpected[s] = expectedBackground;
        }
        return logLikelihood;
    }

    /**
     * The E-step of an exponential kernel in O(n), every parent included: A = Σⱼ e^(−β(tᵢ−tⱼ)) and
     * D = Σⱼ e^(−β(tᵢ−tⱼ))·(tᵢ−tⱼ) follow a recursion, and the exponential's M-step needs only the
     * expected offspring count Σ pᵢⱼ and total delay Σ pᵢⱼ·Δᵢⱼ, which go into one bucket at their mean.
     */
    private static double exponentialExpectation(Sequences data, double beta, ForgettingCurve curve, double alpha, double[] background,
            double[] bucketWeight, double[] bucketDelay, double[] backgroundExpected) {
        double logLikelihood = 0;
        double offspring = 0;
        double delay = 0;
        for (int s = 0; s < data.sequences(); s++) {
            int from = data.start[s];
            int to = data.start[s + 1];
            double b = background[s];
            double expectedBackground = 0;
            double a = 0;
            double d = 0;
            for (int i = from; i < to; i++) {
                if (i > from) {
                    double gap = data.time[i] - data.time[i - 1];
                    double decay = Math.exp(-beta * gap);
                    d = decay * (d + gap * (a + 1));
                    a = decay * (a + 1);
                }
                double intensity = b + alpha * a;
                logLikelihood += Math.log(intensity) - alpha * CurveFamily.integral(curve, data.exposure[i]);
                expectedBackground += b / intensity;
                offspring += alpha * a / intensity;
                delay += alpha * d / intensity;
            }
            logLikelihood -= b * data.window[s];
            backgroundExpected[s] = expectedBackground;
        }
        if (offspring > 0) {
            int k = bucket(delay / offspring);
            bucketWeight[k] += offspring;
            bucketDelay[k] += delay;
        }
        return logLikelihood;
    }

    private static HazardSample offspring(double[] bucketWeight, double[] bucketDelay, double[] exposure) {
        double[] at = new double[BUCKETS];
        double[] weight = new double[BUCKETS];
        int n = 0;
        for (int k = 0; k < BUCKETS; k++) {
            if (bucketWeight[k] > 0) {
                at[n] = bucketDelay[k] / bucketWeight[k];
                weight[n] = bucketWeight[k];
                n++;
            }
        }
        return HazardSample.weighted(at, weight, n, exposure, exposure.length);
    }

    private static int bucket(double delay) {
        if (delay < 1e-3) {
            return 0;
        }
        return Math.min(BUCKETS - 1, 1 + (int) Math.floor(100 * Math.log10(delay / 1e-3)));
    }

    /** Every user's engagement times per key, flattened: sequence s spans [start[s], start[s+1]). */
    private static final class Sequences {
        final int[] start;
        final double[] time;
        /** Per engagement: from it to the end of its user's window, the time it could trigger others in. */
        final double[] exposure;
        /** Per sequence: the user's window, first to last behaviour (at least a second). */
        final double[] window;

        private Sequences(int[] start, double[] time, double[] exposure, double[] window) {
            this.start = start;
            this.time = time;
            this.exposure = exposure;
            this.window = window;
        }

        int sequences() {
            return window.length;
        }

        int events() {
            return time.length;
        }

        static Sequences of(List<Behavior> log, Map<ItemId, Set<String>> categories, ReengagementLevel level) {
            Map<UserId, List<Behavior>> byUser = new HashMap<>();
            for (Behavior b : log) {
                byUser.computeIfAbsent(b.userId(), u -> new ArrayList<>()).add(b);
            }
            List<UserId> users = new ArrayList<>(byUser.keySet());
            users.sort(Comparator.naturalOrder());
            long origin = log.stream().mapToLong(b -> b.occurredAt().toEpochMilli()).min().orElse(0);
            List<Integer> starts = new ArrayList<>();
            List<Double> times = new ArrayList<>();
            List<Double> exposures = new ArrayList<>();
            List<Double> windows = new ArrayList<>();
            for (UserId user : users) {
                List<Behavior> events = byUser.get(user);
                events.sort(Comparator.comparing(Behavior::occurredAt));
                double first = (events.get(0).occurredAt().toEpochMilli() - origin) / 1000.0;
                double last = (events.get(events.size() - 1).occurredAt().toEpochMilli() - origin) / 1000.0;
                Map<Object, List<Double>> byKey = new LinkedHashMap<>();
                for (Behavior b : events) {
                    for (Object key : Reengagements.keys(b, categories, level)) {
                        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add((b.occurredAt().toEpochMilli() - origin) / 1000.0);
                    }
                }
                for (List<Double> sequence : byKey.values()) {
                    starts.add(times.size());
                    for (double t : sequence) {
                        times.add(t);
                        exposures.add(last - t);
                    }
                    windows.add(Math.max(1.0, last - first));
                }
            }
            starts.add(times.size());
            return new Sequences(starts.stream().mapToInt(Integer::intValue).toArray(), times.stream().mapToDouble(Double::doubleValue).toArray(),
                    exposures.stream().mapToDouble(Double::doubleValue).toArray(), windows.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }
}
