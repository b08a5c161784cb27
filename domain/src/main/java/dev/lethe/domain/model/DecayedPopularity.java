package dev.lethe.domain.model;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.forgetting.ForgettingCurve;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Popularity that forgets: each past behaviour counts with the retention of the curve at the moment
 * of scoring, and only behaviours strictly before {@code asOf} count. Without a curve it is plain
 * popularity as of the moment (a count of earlier behaviours).
 *
 * <p>For plain counts and exponential curves, whose decay from a moment on is one factor for every
 * item, fitting stores checkpoints: every item's score as of the last event of each block of the log.
 * Scoring then starts from the latest checkpoint before {@code asOf}, decays it in one multiplication
 * per item and adds the few events after it, instead of re-reading the whole log. Other curves read
 * the log.
 */
public final class DecayedPopularity implements Recommender, FittedParameters {
    /** Events per checkpoint, at the least. */
    static final int CHECKPOINT_EVENTS = 1024;
    /** Checkpoints never hold more than this many scores in all (16 MB). */
    static final long CHECKPOINT_CELLS = 2_000_000;

    private final String name;
    private final Optional<ForgettingCurve> curve;
    private final EventLog log;
    /** Checkpoint c holds the scores, as of the time of event {@code ends[c] - 1}, of events {@code 0 .. ends[c] - 1}. */
    private final int[] ends;
    private final double[][] checkpoints;

    private DecayedPopularity(String name, Optional<ForgettingCurve> curve, EventLog log) {
        this.name = name;
        this.curve = curve;
        this.log = log;
        int items = Math.max(1, log.catalogue().size());
        int count = curve.isEmpty() || curve.get() instanceof ExponentialCurve
                ? (int) Math.min(log.size() / CHECKPOINT_EVENTS, CHECKPOINT_CELLS / items)
                : 0;
        int[] ends = new int[count];
        double[][] checkpoints = new double[count][];
        double[] running = new double[log.catalogue().size()];
        int next = 0;
        int made = 0;
        for (int c = 0; c < count; c++) {
            // Spread evenly; the last checkpoint holds the whole log, which is what scoring "now" needs.
            // A checkpoint never splits a timestamp, so items with the same event times keep exactly equal scores (ties).
            int end = (int) ((long) log.size() * (c + 1) / count);
            while (end < log.size() && log.time(end) == log.time(end - 1)) {
                end++;
            }
            if (made > 0 && end <= ends[made - 1]) {
                continue;
            }
            long at = log.time(end - 1);
            if (made > 0) {
                double factor = decay(at - log.time(ends[made - 1] - 1));
                for (int i = 0; i < running.length; i++) {
                    running[i] *= factor;
                }
            }
            for (; next < end; next++) {
                running[log.item(next)] += decay(at - log.time(next));
            }
            ends[made] = end;
            checkpoints[made++] = running.clone();
        }
        this.ends = Arrays.copyOf(ends, made);
        this.checkpoints = Arrays.copyOf(checkpoints, made);
    }

    /** Fits on {@code events}; events whose item is not in {@code catalogue} are ignored. */
    public static DecayedPopularity fit(String name, Catalogue catalogue, Optional<ForgettingCurve> curve, List<Behavior> events) {
        return fit(name, curve, EventLog.of(catalogue, events));
    }

    /** Counts the events of {@code log}. */
    public static DecayedPopularity fit(String name, Optional<ForgettingCurve> curve, EventLog log) {
        return new DecayedPopularity(name, curve, log);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Catalogue catalogue() {
        return log.catalogue();
    }

    /** The forgetting curve, empty for plain counts. */
    public Optional<ForgettingCurve> curve() {
        return curve;
    }

    @Override
    public Map<String, Double> fittedParameters() {
        return curve.map(c -> Map.of("halfLifeDays", c.halfLifeSeconds() / 86_400d)).orElse(Map.of());
    }

    /** Popularity is one reason: how popular the item is now. */
    @Override
    public List<ScoreBreakdown> explain(ScoringContext context, int[] items) {
        return ScoreBreakdown.wholeScores(this, Contribution.Kind.POPULARITY, Optional.empty(), context, items);
    }

    @Override
    public void score(ScoringContext context, double[] scores) {
        int items = log.catalogue().size();
        long asOf = context.asOf().toEpochMilli();
        int n = log.countBefore(asOf);
        int from = 0;
        int c = latestCheckpointWithin(n);
        if (c >= 0) {
            double factor = decay(asOf - log.time(ends[c] - 1));
            double[] base = checkpoints[c];
            for (int i = 0; i < items; i++) {
                scores[i] = base[i] * factor;
            }
            from = ends[c];
        } else {
            Arrays.fill(scores, 0, items, 0.0);
        }
        for (int e = from; e < n; e++) {
            scores[log.item(e)] += decay(asOf - log.time(e));
        }
    }

    /** The retention of one behaviour {@code elapsedMillis} old. */
    private double decay(long elapsedMillis) {
        return curve.isEmpty() ? 1.0 : curve.get().retention(elapsedMillis / 1000.0);
    }

    /** The last checkpoint that holds only events among the first {@code n}, or -1. */
    private int latestCheckpointWithin(int n) {
        int lo = 0;
        int hi = ends.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] <= n) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /**
     * A trainer of this model, for the evaluator and the training use case. It counts the training
     * and the validation events ({@link EventLog#known}): at test time both are the past.
     */
    public static ModelTrainer trainer(String name, Optional<ForgettingCurve> curve) {
        return new NamedTrainer(name, (data, listener) -> fit(name, curve, EventLog.known(data)));
    }
}
