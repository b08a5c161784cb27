package dev.lethe.domain.interest;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Objects;

/**
 * Co-occurrence counts frozen at one moment (the last behaviour a training job read), at most a fixed
 * number of neighbours per item, strongest first: what a served profile model reads. Its size is
 * bounded by items × neighbours, whatever the number of behaviours; shares are relative to each item's
 * full count, so dropping the weakest neighbours never inflates the others. Answers as of its moment
 * whatever moment it is asked about (serving only asks about later ones). Immutable.
 */
public final class CompactNeighbours implements Neighbours {
    private final int[][] neighbours;
    private final int[][] counts;
    private final long[] totals;
    private final long knownAtMillis;

    CompactNeighbours(int[][] neighbours, int[][] counts, long[] totals, long knownAtMillis) {
        this.neighbours = Objects.requireNonNull(neighbours, "neighbours");
        this.counts = Objects.requireNonNull(counts, "counts");
        this.totals = Objects.requireNonNull(totals, "totals");
        this.knownAtMillis = knownAtMillis;
    }

    @Override
    public int items() {
        return neighbours.length;
    }

    /** The moment of the latest co-occurrence counted. */
    public long knownAtMillis() {
        return knownAtMillis;
    }

    /** Number of (item, neighbour) entries kept. */
    public long entries() {
        long n = 0;
        for (int[] nb : neighbours) {
            n += nb.length;
        }
        return n;
    }

    @Override
    public void spread(int j, long asOfMillis, double strength, double[] out) {
        if (totals[j] == 0) {
            return;
        }
        double unit = strength / totals[j];
        int[] nb = neighbours[j];
        int[] c = counts[j];
        for (int e = 0; e < nb.length; e++) {
            out[nb[e]] += unit * c[e];
        }
    }

    @Override
    public double share(int j, int target, long asOfMillis) {
        int[] nb = neighbours[j];
        for (int e = 0; e < nb.length; e++) {
            if (nb[e] == target) {
                return counts[j][e] / (double) totals[j];
            }
        }
        return 0;
    }

    /** Writes the counts; {@link #read} restores them exactly. */
    public void write(DataOutput out) throws IOException {
        out.writeInt(neighbours.length);
        out.writeLong(knownAtMillis);
        for (int j = 0; j < neighbours.length; j++) {
            out.writeLong(totals[j]);
            out.writeInt(neighbours[j].length);
            for (int e = 0; e < neighbours[j].length; e++) {
                out.writeInt(neighbours[j][e]);
                out.writeInt(counts[j][e]);
            }
        }
    }

    /** Reads what {@link #write} wrote. */
    public static CompactNeighbours read(DataInput in) throws IOException {
        int n = in.readInt();
        long knownAt = in.readLong();
        int[][] neighbours = new int[n][];
        int[][] counts = new int[n][];
        long[] totals = new long[n];
        for (int j = 0; j < n; j++) {
            totals[j] = in.readLong();
            int m = in.readInt();
            if (m < 0 || m > n) {
                throw new IOException("item " + j + " claims " + m + " neighbours in a catalogue of " + n);
            }
            neighbours[j] = new int[m];
            counts[j] = new int[m];
            for (int e = 0; e < m; e++) {
                neighbours[j][e] = in.readInt();
                counts[j][e] = in.readInt();
            }
        }
        return new CompactNeighbours(neighbours, counts, totals, knownAt);
    }

    /** Heap bytes held, roughly (two int arrays per item plus the totals). */
    public long heapBytes() {
        return entries() * 8 + neighbours.length * (2L * 16 + 8 + 16);
    }
}
