package dev.lethe.domain.forgetting;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.EventStreams.Windows;
import dev.lethe.domain.forgetting.ExponentialExcitation.Kernel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Learns a tenant's forgetting curves by choosing, on the tenant's own data, between ways of estimating
 * them: the <b>excitation</b> estimator (each behaviour raises the user's rate by α·r(Δt), on top of a
 * background: a Hawkes process, exponential kernel) and the <b>return-time</b> estimator (the hazard of the
 * user's next behaviour is λ·r(Δt since the last one), each curve family). Every candidate is fitted on
 * the first {@code 1 − heldOutShare} of every user's window and scored by the predictive log-likelihood
 * of the rest (the same behaviours for all, so the scores compare); the best is refitted on everything and
 * gives the tenant curve, one curve per behaviour type and one per user shrunk toward the tenant's. A
 * reference exponential with a fixed half-life is scored beside them but never chosen. Pure computation.
 */
public final class ForgettingEstimator {
    public static final String EXCITATION = "excitation";
    public static final String RETURN_TIME = "return-time";

    /**
     * How to estimate.
     *
     * @param heldOutShare the last share of each user's window that candidates must predict, in (0, 1)
     * @param minEvents fewer repeat behaviours (behaviours after a user's first) than this and nothing is fitted;
     *     also the fewest behaviours of a type for it to get its own curve
     * @param reference the fixed curve scored as a baseline (the tenant kind's default)
     */
    public record Options(double heldOutShare, int minEvents, ForgettingCurve reference) {
        public Options {
            if (!(heldOutShare > 0 && heldOutShare < 1)) {
                throw new IllegalArgumentException("heldOutShare must be in (0, 1), got: " + heldOutShare);
            }
            if (minEvents < 1) {
                throw new IllegalArgumentException("minEvents must be at least 1, got: " + minEvents);
            }
            Objects.requireNonNull(reference, "reference");
        }

        /** A fifth of every window held out, at least 20 repeat behaviours, {@code reference} as the baseline. */
        public static Options defaults(ForgettingCurve reference) {
            return new Options(0.2, 20, reference);
        }
    }

    private static final double Z95 = 1.959964;
    private final Options options;

    public ForgettingEstimator(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The curves of the best estimator; empty when the log has fewer than {@code minEvents} repeat behaviours. */
    public Optional<CurveFitReport> fitAll(List<Behavior> log) {
        EventStreams streams = EventStreams.of(log);
        if (log.size() - streams.userCount() < options.minEvents()) {
            return Optional.empty();
        }
        Windows train = streams.training(options.heldOutShare());
        Windows test = streams.heldOut(options.heldOutShare());
        int scored = test.scoredEvents();
        if (scored == 0 || train.scoredEvents() < options.minEvents()) {
            return Optional.empty();
        }
        List<EstimatorScore> scores = new ArrayList<>();
        int[] oneGroup = new int[BehaviorType.values().length];

        ExponentialExcitation.Fit excitation = ExponentialExcitation.fit(streams, train, oneGroup, 1, Optional.empty());
        scores.add(new EstimatorScore(EXCITATION, CurveFamily.EXPONENTIAL, true, excitation.kernel().halfLife()[0],
                ExponentialExcitation.predictiveLogLikelihood(streams, test, excitation.kernel(), excitation.background()) / scored, false));
        if (options.reference() instanceof ExponentialCurve reference) {
            double h = reference.halfLifeSeconds();
            ExponentialExcitation.Fit fixed = ExponentialExcitation.fitRateOnly(streams, train,
                    Kernel.single(excitation.kernel().branching(0) * Math.log(2) / h, h));
            scores.add(new EstimatorScore(EXCITATION, CurveFamily.EXPONENTIAL, false, h,
                    ExponentialExcitation.predictiveLogLikelihood(streams, test, fixed.kernel(), fixed.background()) / scored, false));
        }
        HazardSample gaps = HazardSample.of(returnTimes(streams, train));
        Map<CurveFamily, ForgettingCurveFitter.Estimate> returnTime = new EnumMap<>(CurveFamily.class);
        for (CurveFamily family : CurveFamily.values()) {
            ForgettingCurveFitter.Estimate e = ForgettingCurveFitter.Estimate.of(gaps, family);
            returnTime.put(family, e);
            scores.add(new EstimatorScore(RETURN_TIME, family, true, e.curve().halfLifeSeconds(),
                    returnTimeLogLikelihood(streams, test, e.rate(), e.curve(), null) / scored, false));
        }
        ForgettingCurve reference = options.reference();
        scores.add(new EstimatorScore(RETURN_TIME, CurveFamily.of(reference), false, reference.halfLifeSeconds(),
                returnTimeLogLikelihood(streams, test, gaps.bestRate(reference), reference, null) / scored, false));

        EstimatorScore best = null;
        double runnerUp = Double.NEGATIVE_INFINITY;
        for (EstimatorScore s : scores) {
            if (!s.learned()) {
                continue;
            }
            if (best == null || s.heldOutLogLikelihoodPerEvent() > best.heldOutLogLikelihoodPerEvent()) {
                runnerUp = best == null ? runnerUp : best.heldOutLogLikelihoodPerEvent();
                best = s;
            } else {
                runnerUp = Math.max(runnerUp, s.heldOutLogLikelihoodPerEvent());
            }
        }
        EstimatorScore winner = best;
        List<EstimatorScore> marked = scores.stream().map(s -> s == winner
                ? new EstimatorScore(s.estimator(), s.family(), true, s.halfLifeSeconds(), s.heldOutLogLikelihoodPerEvent(), true) : s).toList();
        Map<String, Double> selection = new LinkedHashMap<>();
        for (EstimatorScore s : marked) {
            selection.put("heldOutLogLikelihoodPerEvent." + s.key(), s.heldOutLogLikelihoodPerEvent());
        }
        selection.put("estimator." + winner.estimator(), 1.0);
        selection.put("selectionMargin", winner.heldOutLogLikelihoodPerEvent() - runnerUp);
        selection.put("heldOutEvents", (double) scored);
        selection.put("users", (double) streams.userCount());
        selection.put("events", (double) log.size());
        CurveFitReport report = winner.estimator().equals(EXCITATION)
                ? excitationReport(streams, train, test, excitation, selection, marked)
                : returnTimeReport(log, streams, train, test, winner.family(), returnTime.get(winner.family()), selection, marked);
        return Optional.of(report);
    }

    private CurveFitReport excitationReport(EventStreams streams, Windows train, Windows test, ExponentialExcitation.Fit onTrain,
            Map<String, Double> selection, List<EstimatorScore> scores) {
        Windows whole = streams.whole();
        int[] oneGroup = new int[BehaviorType.values().length];
        ExponentialExcitation.Fit tenant = ExponentialExcitation.fit(streams, whole, oneGroup, 1, Optional.of(onTrain.kernel()));
        Map<String, Double> stats = new LinkedHashMap<>(selection);
        double tau2 = userShrinkage(streams, onTrain.kernel(), stats);
        stats.putAll(userCurvesOnHeldOut(streams, train, test, onTrain.kernel(), tau2));
        FittedCurve tenantCurve = describe(tenant, 0, streams, whole, stats);

        Map<BehaviorType, FittedCurve> byType = new EnumMap<>(BehaviorType.class);
        int[] count = new int[BehaviorType.values().length];
        for (BehaviorType t : streams.type) {
            count[t.ordinal()]++;
        }
        List<BehaviorType> ownGroup = new ArrayList<>();
        for (BehaviorType t : BehaviorType.values()) {
            if (count[t.ordinal()] >= options.minEvents()) {
                ownGroup.add(t);
            }
        }
        long present = Arrays.stream(count).filter(c -> c > 0).count();
        if (present == 1 && ownGroup.size() == 1) {
            byType.put(ownGroup.get(0), tenantCurve);
        } else if (!ownGroup.isEmpty()) {
            // Types too rare for their own kernel share one; each kernel is the curve of the behaviours that left it.
            int groups = ownGroup.size() + (present > ownGroup.size() ? 1 : 0);
            int[] groupOf = new int[BehaviorType.values().length];
            Arrays.fill(groupOf, groups - 1);
            for (int g = 0; g < ownGroup.size(); g++) {
                groupOf[ownGroup.get(g).ordinal()] = g;
            }
            double[] alpha = new double[groups];
            double[] halfLife = new double[groups];
            Arrays.fill(alpha, tenant.kernel().alpha()[0]);
            Arrays.fill(halfLife, tenant.kernel().halfLife()[0]);
            ExponentialExcitation.Fit typed = ExponentialExcitation.fit(streams, whole, groupOf, groups, Optional.of(new Kernel(alpha, halfLife, groupOf)));
            for (int g = 0; g < ownGroup.size(); g++) {
                Map<String, Double> typeStats = new LinkedHashMap<>();
                typeStats.put("estimator." + EXCITATION, 1.0);
                typeStats.put("events", (double) count[ownGroup.get(g).ordinal()]);
                byType.put(ownGroup.get(g), describe(typed, g, streams, whole, typeStats));
            }
        }
        Map<UserId, UserCurve> users = new HashMap<>();
        double[] weight = shrunkUsers(streams, whole, tenant.kernel(), users, tau2);
        Map<String, Double> withUsers = new LinkedHashMap<>(tenantCurve.statistics());
        withUsers.put("userCurves", (double) Arrays.stream(weight).filter(b -> b > 0).count());
        tenantCurve = new FittedCurve(tenantCurve.curve(), withUsers, tenantCurve.retentionPoints());
        return new CurveFitReport(ReengagementLevel.USER, EXCITATION, tenantCurve, byType, users, scores);
    }

    /** The prior variances τ² of users' log time scales tried on held-out behaviour: 0 (everyone the tenant's) to e² apart. */
    static final double[] SHRINKAGE_TAU2 = {0, 0.0025, 0.005, 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12};
    /** The per-user shrinkage is chosen by fitting users on this share of every training window and predicting the rest of it. */
    static final double SHRINKAGE_FIT_SHARE = 0.75;

    /**
     * The prior variance τ² of users' log time scales, chosen by held-out likelihood: every user's raw
     * scale is estimated on the first {@value #SHRINKAGE_FIT_SHARE} of the training part of their window
     * and shrunk with each τ² of {@link #SHRINKAGE_TAU2} (and the method-of-moments τ̂²); the τ² whose
     * stretched kernels best predict the rest of the training part wins. The test part is never seen, so
     * the user-vs-tenant comparison on it stays honest. Writes the choice into {@code stats}.
     */
    private double userShrinkage(EventStreams streams, Kernel pooled, Map<String, Double> stats) {
        double trainShare = 1 - options.heldOutShare();
        Windows fit = streams.between(0, SHRINKAGE_FIT_SHARE * trainShare);
        Windows check = streams.between(SHRINKAGE_FIT_SHARE * trainShare, trainShare);
        LogScaleShrinkage.Estimate[] estimates = userEstimates(streams, fit, pooled);
        double moments = LogScaleShrinkage.momentTau2(estimates);
        double[] candidates = Arrays.copyOf(SHRINKAGE_TAU2, SHRINKAGE_TAU2.length + 1);
        candidates[SHRINKAGE_TAU2.length] = moments;
        double best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        double atZero = Double.NaN;
        double atMoments = Double.NaN;
        for (double tau2 : candidates) {
            double[] weight = LogScaleShrinkage.weights(estimates, tau2);
            double score = 0;
            for (int u = 0; u < streams.userCount(); u++) {
                score += heldOutWithTrainedBackground(streams, fit, check, u, pooled.stretched(Math.exp(weight[u] * estimates[u].logScale())));
            }
            if (tau2 == 0) {
                atZero = score;
            }
            if (tau2 == moments) {
                atMoments = score;
            }
            if (score > bestScore + 1e-9) {
                bestScore = score;
                best = tau2;
            }
        }
        int scored = Math.max(1, check.scoredEvents());
        stats.put("userShrinkage.tau2", best);
        stats.put("userShrinkage.momentTau2", moments);
        stats.put("userShrinkage.validationGainPerEvent", (bestScore - atZero) / scored);
        stats.put("userShrinkage.momentGainPerEvent", (atMoments - atZero) / scored);
        return best;
    }

    /** Each user's raw log time scale of {@code pooled} on their window {@code w} and its variance. */
    private static LogScaleShrinkage.Estimate[] userEstimates(EventStreams streams, Windows w, Kernel pooled) {
        int n = streams.userCount();
        LogScaleShrinkage.Estimate[] estimates = new LogScaleShrinkage.Estimate[n];
        for (int u = 0; u < n; u++) {
            final int user = u;
            int scored = w.lastScored()[u] - w.firstScored()[u] + 1;
            estimates[u] = scored < 2 ? LogScaleShrinkage.Estimate.NONE : LogScaleShrinkage.estimate(
                    x -> ExponentialExcitation.userProfileLogLikelihood(streams, w, user, pooled.stretched(Math.exp(x))));
        }
        return estimates;
    }

    /**
     * Per-user kernels: the tenant kernel stretched by each user's factor shrunk with prior variance
     * {@code tau2} (branching kept); fills {@code out}, returns the B's.
     */
    private static double[] shrunkUsers(EventStreams streams, Windows w, Kernel pooled, Map<UserId, UserCurve> out, double tau2) {
        int n = streams.userCount();
        LogScaleShrinkage.Estimate[] estimates = userEstimates(streams, w, pooled);
        double[] weight = LogScaleShrinkage.weights(estimates, tau2);
        for (int u = 0; u < n; u++) {
            double raw = estimates[u].estimable() ? Math.exp(estimates[u].logScale()) : 1;
            double scale = Math.exp(weight[u] * estimates[u].logScale());
            UserId id = streams.users.get(u);
            out.put(id, new UserCurve(id, new ExponentialCurve(pooled.halfLife()[0] * scale), raw, scale, weight[u],
                    Math.max(0, w.lastScored()[u] - w.firstScored()[u] + 1), streams.events(u)));
        }
        return weight;
    }

    /**
     * Held-out log-likelihood per event of per-user shrunk kernels against the tenant kernel, both fitted on the
     * training windows, and the standard error of their difference (users as the independent units).
     */
    static Map<String, Double> userCurvesOnHeldOut(EventStreams streams, Windows train, Windows test, Kernel pooled, double tau2) {
        Map<UserId, UserCurve> users = new HashMap<>();
        shrunkUsers(streams, train, pooled, users, tau2);
        double[] scale = new double[streams.userCount()];
        for (int u = 0; u < scale.length; u++) {
            scale[u] = users.get(streams.users.get(u)).scale();
        }
        return scaledOnHeldOut(streams, train, test, pooled, scale, "userCurves");
    }

    /**
     * The held-out log-likelihood per event with user u's kernel {@code pooled} stretched by {@code scale[u]}
     * ({@code heldOutLogLikelihoodPerEvent.<name>}), with {@code pooled} for everyone ({@code .tenantCurve}), and
     * the standard error of the difference ({@code .<name>MinusTenant.se}): √(k/(k−1)·Σ(d_u − d̄)²) / events over the
     * k users' differences d_u. Each user's background is fitted on the training window under their own kernel.
     */
    static Map<String, Double> scaledOnHeldOut(EventStreams streams, Windows train, Windows test, Kernel pooled, double[] scale, String name) {
        double withTenant = 0;
        double withOwn = 0;
        double sumSquares = 0;
        int k = streams.userCount();
        double[] difference = new double[k];
        for (int u = 0; u < k; u++) {
            double tenant = heldOutWithTrainedBackground(streams, train, test, u, pooled);
            double own = scale[u] == 1 ? tenant : heldOutWithTrainedBackground(streams, train, test, u, pooled.stretched(scale[u]));
            withTenant += tenant;
            withOwn += own;
            difference[u] = own - tenant;
        }
        double mean = (withOwn - withTenant) / k;
        for (double d : difference) {
            sumSquares += (d - mean) * (d - mean);
        }
        int scored = test.scoredEvents();
        double se = k > 1 ? Math.sqrt(k / (k - 1.0) * sumSquares) / scored : Double.NaN;
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("heldOutLogLikelihoodPerEvent." + name, withOwn / scored);
        out.put("heldOutLogLikelihoodPerEvent.tenantCurve", withTenant / scored);
        out.put("heldOutLogLikelihoodPerEvent." + name + "MinusTenant.se", se);
        return out;
    }

    private static double heldOutWithTrainedBackground(EventStreams streams, Windows train, Windows test, int u, Kernel k) {
        // The user's background under this kernel, from the training window only.
        return ExponentialExcitation.userLogLikelihood(streams, test, u, k, ExponentialExcitation.userBackground(streams, train, u, k));
    }

    private static FittedCurve describe(ExponentialExcitation.Fit fit, int group, EventStreams streams, Windows w, Map<String, Double> extra) {
        double h = fit.kernel().halfLife()[group];
        Map<String, Double> stats = new LinkedHashMap<>(extra);
        stats.put("estimator." + EXCITATION, 1.0);
        stats.put("halfLifeSeconds", h);
        stats.put("branchingRatio", fit.kernel().branching(group));
        stats.put("alphaPerSecond", fit.kernel().alpha()[group]);
        stats.put("logLikelihood", fit.logLikelihood());
        stats.put("observations", (double) fit.scoredEvents());
        stats.put("backgroundShare", fit.backgroundShare(streams, w));
        double se = fit.seLogHalfLife()[group];
        if (Double.isFinite(se)) {
            stats.put("se.logHalfLife", se);
            stats.put("halfLifeSeconds.low95", h * Math.exp(-Z95 * se));
            stats.put("halfLifeSeconds.high95", h * Math.exp(Z95 * se));
        }
        stats.values().removeIf(v -> !Double.isFinite(v));
        return new FittedCurve(new ExponentialCurve(h), stats, List.of());
    }

    private CurveFitReport returnTimeReport(List<Behavior> log, EventStreams streams, Windows train, Windows test, CurveFamily family,
            ForgettingCurveFitter.Estimate onTrain, Map<String, Double> selection, List<EstimatorScore> scores) {
        ForgettingCurveFitter fitter = new ForgettingCurveFitter(new ForgettingCurveFitter.Options(Set.of(family), 0.2, 42, options.minEvents(), 30));
        CurveFitReport all = fitter.fitAll(Reengagements.of(log, Map.of(), ReengagementLevel.USER)).orElseThrow();
        Map<String, Double> stats = new LinkedHashMap<>(all.tenant().statistics());
        stats.putAll(selection);
        stats.put("estimator." + RETURN_TIME, 1.0);
        all.tenant().statistic("bootstrap.halfLifeSeconds.p05").ifPresent(v -> stats.put("halfLifeSeconds.low95", v));
        all.tenant().statistic("bootstrap.halfLifeSeconds.p95").ifPresent(v -> stats.put("halfLifeSeconds.high95", v));
        Map<UserId, UserCurve> trained = fitter.shrinkUsers(returnTimes(streams, train), onTrain.curve());
        double withTenant = 0;
        double withOwn = 0;
        for (int u = 0; u < streams.userCount(); u++) {
            UserCurve own = trained.get(streams.users.get(u));
            withTenant += returnTimeLogLikelihood(streams, test, onTrain.rate(), onTrain.curve(), u);
            withOwn += returnTimeLogLikelihood(streams, test, onTrain.rate(), own == null ? onTrain.curve() : own.curve(), u);
        }
        stats.put("heldOutLogLikelihoodPerEvent.userCurves", withOwn / test.scoredEvents());
        stats.put("heldOutLogLikelihoodPerEvent.tenantCurve", withTenant / test.scoredEvents());
        stats.put("userCurves", (double) all.users().values().stream().filter(c -> c.shrinkageWeight() > 0).count());
        FittedCurve tenant = new FittedCurve(all.tenant().curve(), stats, all.tenant().retentionPoints());
        return new CurveFitReport(ReengagementLevel.USER, RETURN_TIME, tenant, all.byType(), all.users(), scores);
    }

    /** The gaps between consecutive behaviours inside the windows (returns), and from each window's last behaviour to its end (censored). */
    private static Reengagements returnTimes(EventStreams s, Windows w) {
        List<Integer> user = new ArrayList<>();
        List<Double> elapsed = new ArrayList<>();
        List<Boolean> returned = new ArrayList<>();
        List<BehaviorType> origin = new ArrayList<>();
        for (int u = 0; u < s.userCount(); u++) {
            for (int i = s.start[u]; i <= w.lastScored()[u]; i++) {
                boolean next = i < w.lastScored()[u];
                user.add(u);
                elapsed.add(next ? s.time[i + 1] - s.time[i] : Math.max(0, w.to()[u] - s.time[i]));
                returned.add(next);
                origin.add(s.type[i]);
            }
        }
        int n = user.size();
        int[] userIndex = new int[n];
        double[] at = new double[n];
        boolean[] back = new boolean[n];
        BehaviorType[] types = new BehaviorType[n];
        for (int i = 0; i < n; i++) {
            userIndex[i] = user.get(i);
            at[i] = elapsed.get(i);
            back[i] = returned.get(i);
            types[i] = origin.get(i);
        }
        return Reengagements.of(ReengagementLevel.USER, s.users, userIndex, at, back, types);
    }

    /**
     * The return-time model's log-likelihood of the windows' scored behaviours given everything before:
     * hazard λ·r(time since the previous behaviour); one user when {@code onlyUser} is set.
     */
    private static double returnTimeLogLikelihood(EventStreams s, Windows w, double rate, ForgettingCurve curve, Integer onlyUser) {
        double total = 0;
        double logRate = Math.log(rate);
        for (int u = onlyUser == null ? 0 : onlyUser; u < (onlyUser == null ? s.userCount() : onlyUser + 1); u++) {
            double from = w.from()[u];
            int last = w.lastScored()[u];
            for (int i = w.firstScored()[u]; i <= last; i++) {
                double gap = s.time[i] - s.time[i - 1];
                double before = Math.max(0, from - s.time[i - 1]);
                total += logRate + CurveFamily.logRetention(curve, gap) - rate * (CurveFamily.integral(curve, gap) - CurveFamily.integral(curve, before));
            }
            double tail = w.to()[u] - s.time[last];
            if (tail > 0) {
                double before = Math.max(0, from - s.time[last]);
                total -= rate * (CurveFamily.integral(curve, tail) - CurveFamily.integral(curve, before));
            }
        }
        return total;
    }
}
