package dev.lethe.domain.interest;

import dev.lethe.domain.model.EventLog;
import java.util.Arrays;

/**
 * Every co-occurrence with the moment it became known (ascending per item), so that any moment's
 * counts are a prefix: what offline evaluation needs, since each held-out case is scored as of its own
 * moment. Grows with the number of behaviours (up to 2 × window entries each).
 */
final class TimedNeighbours implements Neighbours {
    private final int[][] neighbours;
    private final long[][] times;

    TimedNeighbours(int[][] neighbours, long[][] times) {
        this.neighbours = neighbours;
        this.times = times;
    }

    @Override
    public int items() {
        return neighbours.length;
    }

    @Override
    public void spread(int j, long asOfMillis, double strength, double[] out) {
        int cut = EventLog.countBefore(times[j], asOfMillis);
        if (cut == 0) {
            return;
        }
        double share = strength / cut;
        int[] nb = neighbours[j];
        for (int e = 0; e < cut; e++) {
            out[nb[e]] += share;
        }
    }

    @Override
    public double share(int j, int target, long asOfMillis) {
        int cut = EventLog.countBefore(times[j], asOfMillis);
        int together = 0;
        for (int e = 0; e < cut; e++) {
            if (neighbours[j][e] == target) {
                together++;
            }
        }
        return cut == 0 ? 0 : together / (double) cut;
    }

    /** The counts as of the latest co-occurrence, each item's {@code maxNeighbours} largest kept (ties by lower index). */
    CompactNeighbours collapse(int maxNeighbours) {
        if (maxNeighbours < 1) {
            throw new IllegalArgumentException("maxNeighbours must be at least 1, got: " + maxNeighbours);
        }
        int n = neighbours.length;
        int[][] kept = new int[n][];
        int[][] counts = new int[n][];
        long[] totals = new long[n];
        long knownAt = Long.MIN_VALUE;
        for (int j = 0; j < n; j++) {
            int[] nb = neighbours[j].clone();
            totals[j] = nb.length;
            if (nb.length > 0) {
                knownAt = Math.max(knownAt, times[j][nb.length - 1]);
            }
            Arrays.sort(nb);
            int distinct = 0;
            int[] ids = new int[nb.length];
            int[] c = new int[nb.length];
            for (int e = 0; e < nb.length; e++) {
                if (distinct > 0 && ids[distinct - 1] == nb[e]) {
                    c[distinct - 1]++;
                } else {
                    ids[distinct] = nb[e];
                    c[distinct++] = 1;
                }
            }
            Integer[] order = new Integer[distinct];
            for (int k = 0; k < distinct; k++) {
                order[k] = k;
            }
            Arrays.sort(order, (a, b) -> c[a] != c[b] ? Integer.compare(c[b], c[a]) : Integer.compare(ids[a], ids[b]));
            int keep = Math.min(distinct, maxNeighbours);
            kept[j] = new int[keep];
            counts[j] = new int[keep];
            for (int k = 0; k < keep; k++) {
                kept[j][k] = ids[order[k]];
                counts[j][k] = c[order[k]];
            }
        }
        return new CompactNeighbours(kept, counts, totals, knownAt);
    }
}
