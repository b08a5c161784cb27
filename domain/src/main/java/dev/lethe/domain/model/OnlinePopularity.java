package dev.lethe.domain.model;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.forgetting.ForgettingCurve;
import dev.lethe.domain.interest.DecayKernel;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Decayed item popularity kept up to date one behaviour at a time, for serving: the same score as
 * {@link DecayedPopularity} (each behaviour strictly before the moment of scoring counts with the
 * curve's retention at that moment; without a curve, a plain count), without ever reading the log
 * again.
 *
 * <p>The curve is a sum of exponentials ({@link DecayKernel}: exact for exponential and two-phase
 * curves, a quadrature for the power law). Each component {@code k} keeps, per item, its mass
 * relative to a reference moment {@code ref[k]}: a behaviour at {@code t} adds {@code e^(rate·(t−ref))},
 * and scoring as of {@code asOf} multiplies by one factor {@code e^(−rate·(asOf−ref))} per component,
 * so recording is O(components) and scoring O(items × components) with no exponential per item. When
 * the newest behaviour gets far ahead of a reference (a factor of e^40), that component is rebased: one
 * pass over the items.
 *
 * <p>As of: a behaviour at or after the {@code now} it is recorded with waits in a queue until a
 * scoring moment passes it (ingestion accepts timestamps up to a day ahead). Memory: 8 bytes per item
 * and component, plus the queue. Thread-safe: recording and rebasing take a write lock, scoring a read
 * lock.
 */
public final class OnlinePopularity {
    private static final double REBASE_EXPONENT = 40;

    private final Optional<ForgettingCurve> curve;
    private final double[] weights;
    private final double[] rates;
    private final long[] refMillis;
    private double[][] mass;
    private int size;
    private long recorded;
    private final PriorityQueue<long[]> pending = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    /** Empty popularity for a catalogue of {@code items} (it grows as behaviours name higher indices). */
    public OnlinePopularity(Optional<ForgettingCurve> curve, int items) {
        this.curve = Objects.requireNonNull(curve, "curve");
        if (curve.isPresent()) {
            DecayKernel kernel = DecayKernel.of(curve.get());
            weights = new double[kernel.components()];
            rates = new double[kernel.components()];
            for (int k = 0; k < weights.length; k++) {
                weights[k] = kernel.weight(k);
                rates[k] = kernel.ratePerMilli(k);
            }
        } else {
            weights = new double[] {1};
            rates = new double[] {0};
        }
        refMillis = new long[weights.length];
        mass = new double[weights.length][Math.max(16, items)];
        size = Math.max(0, items);
    }

    /**
     * The popularity of {@code events} over {@code catalogue} (events on other items are ignored), recorded
     * as of {@code nowMillis} (see {@link #record}).
     */
    public static OnlinePopularity of(Optional<ForgettingCurve> curve, Catalogue catalogue, List<Behavior> events, long nowMillis) {
        OnlinePopularity state = new OnlinePopularity(curve, catalogue.size());
        for (Behavior b : events) {
            OptionalInt index = catalogue.indexOf(b.itemId());
            if (index.isPresent()) {
                state.record(index.getAsInt(), b.occurredAt().toEpochMilli(), nowMillis);
            }
        }
        return state;
    }

    /** The curve behaviours decay with; empty for plain counts. */
    public Optional<ForgettingCurve> curve() {
        return curve;
    }

    /** Number of items scored (the highest recorded index + 1, or the initial size). */
    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** How many behaviours were recorded, including those still waiting for their moment. */
    public long recorded() {
        lock.readLock().lock();
        try {
            return recorded;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Records one behaviour on item {@code item} at {@code atMillis}; one not strictly before
     * {@code nowMillis} waits until a scoring moment is after it.
     */
    public void record(int item, long atMillis, long nowMillis) {
        if (item < 0) {
            throw new IllegalArgumentException("item must not be negative, got: " + item);
        }
        lock.writeLock().lock();
        try {
            recorded++;
            if (atMillis >= nowMillis) {
                pending.add(new long[] {atMillis, item});
                ensure(item + 1);
            } else {
                add(item, atMillis);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Grows the scored catalogue to {@code items} (new items score 0 until they get behaviours). */
    public void grow(int items) {
        lock.writeLock().lock();
        try {
            ensure(items);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Writes the popularity of items {@code 0 .. n−1} as of {@code asOfMillis} into {@code out} (items
     * beyond {@link #size()} score 0).
     */
    public void score(long asOfMillis, double[] out, int n) {
        foldDue(asOfMillis);
        lock.readLock().lock();
        try {
            int m = Math.min(n, size);
            Arrays.fill(out, 0, n, 0.0);
            for (int k = 0; k < weights.length; k++) {
                double factor = weights[k] * Math.exp(-rates[k] * (double) (asOfMillis - refMillis[k]));
                double[] column = mass[k];
                for (int i = 0; i < m; i++) {
                    out[i] += column[i] * factor;
                }
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Adds behaviours that were waiting for their moment once {@code asOfMillis} is after them. */
    private void foldDue(long asOfMillis) {
        lock.readLock().lock();
        try {
            long[] head = pending.peek();
            if (head == null || head[0] >= asOfMillis) {
                return;
            }
        } finally {
            lock.readLock().unlock();
        }
        lock.writeLock().lock();
        try {
            while (!pending.isEmpty() && pending.peek()[0] < asOfMillis) {
                long[] due = pending.poll();
                add((int) due[1], due[0]);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void add(int item, long atMillis) {
        ensure(item + 1);
        for (int k = 0; k < weights.length; k++) {
            double exponent = rates[k] * (double) (atMillis - refMillis[k]);
            if (exponent > REBASE_EXPONENT) {
                rebase(k, atMillis);
                exponent = 0;
            }
            mass[k][item] += Math.exp(exponent);
        }
    }

    private void rebase(int k, long newRefMillis) {
        double factor = Math.exp(-rates[k] * (double) (newRefMillis - refMillis[k]));
        double[] column = mass[k];
        for (int i = 0; i < size; i++) {
            column[i] *= factor;
        }
        refMillis[k] = newRefMillis;
    }

    private void ensure(int items) {
        if (items > mass[0].length) {
            int capacity = Math.max(items, mass[0].length + (mass[0].length >> 1));
            for (int k = 0; k < mass.length; k++) {
                mass[k] = Arrays.copyOf(mass[k], capacity);
            }
        }
        size = Math.max(size, items);
    }

    /**
     * Writes the state (items, components, references, masses; waiting behaviours) so that
     * {@link #read} restores exactly the same scores.
     */
    public void write(DataOutput out) throws IOException {
        lock.readLock().lock();
        try {
            out.writeInt(size);
            out.writeInt(weights.length);
            out.writeLong(recorded);
            for (int k = 0; k < weights.length; k++) {
                out.writeLong(refMillis[k]);
                for (int i = 0; i < size; i++) {
                    out.writeDouble(mass[k][i]);
                }
            }
            out.writeInt(pending.size());
            for (long[] p : pending) {
                out.writeLong(p[0]);
                out.writeLong(p[1]);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Reads what {@link #write} wrote, for the same {@code curve}. */
    public static OnlinePopularity read(Optional<ForgettingCurve> curve, DataInput in) throws IOException {
        int size = in.readInt();
        OnlinePopularity p = new OnlinePopularity(curve, size);
        int components = in.readInt();
        if (components != p.weights.length) {
            throw new IOException("the popularity state has " + components + " components, the curve " + curve + " has " + p.weights.length);
        }
        p.recorded = in.readLong();
        for (int k = 0; k < components; k++) {
            p.refMillis[k] = in.readLong();
            for (int i = 0; i < size; i++) {
                p.mass[k][i] = in.readDouble();
            }
        }
        int waiting = in.readInt();
        for (int w = 0; w < waiting; w++) {
            p.pending.add(new long[] {in.readLong(), in.readLong()});
        }
        return p;
    }

    /**
     * A live view of this state as a recommender named {@code name} over {@code catalogue} (whose
     * indices are this state's): it scores the items as of each context's moment.
     */
    public Recommender over(String name, Catalogue catalogue) {
        return new View(name, catalogue, this);
    }

    private record View(String name, Catalogue catalogue, OnlinePopularity state) implements Recommender {
        @Override
        public void score(ScoringContext context, double[] scores) {
            state.score(context.asOf().toEpochMilli(), scores, catalogue.size());
        }

        @Override
        public List<ScoreBreakdown> explain(ScoringContext context, int[] items) {
            return ScoreBreakdown.wholeScores(this, Contribution.Kind.POPULARITY, Optional.empty(), context, items);
        }
    }

    /** Bytes this state holds on the heap, roughly: what the memory model in docs/scaling.md counts. */
    public long heapBytes() {
        lock.readLock().lock();
        try {
            return (long) mass.length * mass[0].length * Double.BYTES + pending.size() * 48L;
        } finally {
            lock.readLock().unlock();
        }
    }
}
