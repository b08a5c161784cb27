package dev.lethe.domain.model;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Picks the k best indices of a score array, skipping excluded ones, ties broken by lower index
 * (= lower item id, see {@link Catalogue}). O(n log k).
 */
public final class TopK {
    private TopK() {}

    /** Indices of the best {@code k} non-excluded scores, best first; fewer when fewer are eligible. */
    public static int[] select(double[] scores, int k, BitSet excluded) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got: " + k);
        }
        // A min-heap of the current best k: the root is the worst of them.
        int[] heap = new int[Math.min(k, scores.length)];
        int size = 0;
        for (int i = 0; i < scores.length; i++) {
            if (excluded != null && excluded.get(i)) {
                continue;
            }
            double s = scores[i];
            if (Double.isNaN(s) || s == Double.NEGATIVE_INFINITY) {
                continue;
            }
            if (size < heap.length) {
                heap[size] = i;
                siftUp(heap, size++, scores);
            } else if (heap.length > 0 && better(i, heap[0], scores)) {
                heap[0] = i;
                siftDown(heap, size, scores);
            }
        }
        int[] result = Arrays.copyOf(heap, size);
        // Sort best first.
        Integer[] boxed = new Integer[size];
        for (int i = 0; i < size; i++) {
            boxed[i] = result[i];
        }
        Arrays.sort(boxed, (a, b) -> better(a, b, scores) ? -1 : (better(b, a, scores) ? 1 : 0));
        for (int i = 0; i < size; i++) {
            result[i] = boxed[i];
        }
        return result;
    }

    /** The 0-based rank {@code target} would get among the non-excluded items, with the same tie rule. */
    public static int rankOf(double[] scores, int target, BitSet excluded) {
        int rank = 0;
        for (int i = 0; i < scores.length; i++) {
            if (i != target && (excluded == null || !excluded.get(i)) && !Double.isNaN(scores[i])
                    && scores[i] != Double.NEGATIVE_INFINITY && better(i, target, scores)) {
                rank++;
            }
        }
        return rank;
    }

    private static boolean better(int a, int b, double[] s) {
        return s[a] > s[b] || (s[a] == s[b] && a < b);
    }

    private static void siftUp(int[] heap, int i, double[] s) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (better(heap[parent], heap[i], s)) {
                int t = heap[parent];
                heap[parent] = heap[i];
                heap[i] = t;
                i = parent;
            } else {
                return;
            }
        }
    }

    private static void siftDown(int[] heap, int size, double[] s) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int worst = i;
            if (l < size && better(heap[worst], heap[l], s)) {
                worst = l;
            }
            if (r < size && better(heap[worst], heap[r], s)) {
                worst = r;
            }
            if (worst == i) {
                return;
            }
            int t = heap[worst];
            heap[worst] = heap[i];
            heap[i] = t;
            i = worst;
        }
    }
}
