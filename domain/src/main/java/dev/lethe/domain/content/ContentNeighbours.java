package dev.lethe.domain.content;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * For each catalogue item, the items whose text is most like its own (cosine of TF-IDF vectors,
 * strongest first): what the cold-start component borrows scores from. Size is bounded by items ×
 * neighbours. Immutable: items that join after training make a new instance ({@link #with}).
 */
public final class ContentNeighbours {
    private final Row[] rows;

    ContentNeighbours(Row[] rows) {
        this.rows = Objects.requireNonNull(rows, "rows");
    }

    /** One item's neighbours and their similarities. */
    public record Row(int[] items, float[] similarities) {
        static final Row EMPTY = new Row(new int[0], new float[0]);

        public Row {
            if (items.length != similarities.length) {
                throw new IllegalArgumentException("items and similarities must have one length");
            }
        }

        /**
         * This row with {@code item} at similarity {@code similarity} among its at most {@code m}
         * strongest (replacing an earlier entry of the same item); this row itself when it does not make the cut.
         */
        public Row offer(int item, float similarity, int m) {
            int n = 0;
            int[] ids = new int[items.length + 1];
            float[] sims = new float[items.length + 1];
            boolean placed = false;
            for (int e = 0; e < items.length; e++) {
                if (items[e] == item) {
                    continue;
                }
                if (!placed && (similarity > similarities[e] || (similarity == similarities[e] && item < items[e]))) {
                    ids[n] = item;
                    sims[n++] = similarity;
                    placed = true;
                }
                ids[n] = items[e];
                sims[n++] = similarities[e];
            }
            if (!placed) {
                ids[n] = item;
                sims[n++] = similarity;
            }
            int keep = Math.min(n, m);
            boolean kept = false;
            for (int e = 0; e < keep; e++) {
                kept |= ids[e] == item;
            }
            boolean hadIt = false;
            for (int id : items) {
                hadIt |= id == item;
            }
            return kept || hadIt ? new Row(Arrays.copyOf(ids, keep), Arrays.copyOf(sims, keep)) : this;
        }
    }

    /** Number of items with a row. */
    public int items() {
        return rows.length;
    }

    /** The neighbours of item {@code j}; empty past the end. */
    public Row row(int j) {
        return j < rows.length ? rows[j] : Row.EMPTY;
    }

    /** These rows over {@code size} items (missing rows empty), with the rows of {@code changed} replaced; this one is unchanged. */
    public ContentNeighbours with(java.util.Map<Integer, Row> changed, int size) {
        Row[] next = Arrays.copyOf(rows, Math.max(size, rows.length));
        for (int j = rows.length; j < next.length; j++) {
            next[j] = Row.EMPTY;
        }
        changed.forEach((j, row) -> next[j] = row);
        return new ContentNeighbours(next);
    }

    /** Number of (item, neighbour) entries kept. */
    public long entries() {
        long n = 0;
        for (Row r : rows) {
            n += r.items.length;
        }
        return n;
    }

    /** Heap bytes held, roughly. */
    public long heapBytes() {
        return entries() * 8 + rows.length * 64L;
    }

    /** Writes the rows; {@link #read} restores them exactly. */
    public void write(DataOutput out) throws IOException {
        out.writeInt(rows.length);
        for (Row r : rows) {
            out.writeInt(r.items.length);
            for (int e = 0; e < r.items.length; e++) {
                out.writeInt(r.items[e]);
                out.writeFloat(r.similarities[e]);
            }
        }
    }

    /** Reads what {@link #write} wrote. */
    public static ContentNeighbours read(DataInput in) throws IOException {
        int n = in.readInt();
        Row[] rows = new Row[n];
        for (int j = 0; j < n; j++) {
            int m = in.readInt();
            if (m < 0 || m > n) {
                throw new IOException("item " + j + " claims " + m + " content neighbours in a catalogue of " + n);
            }
            int[] items = new int[m];
            float[] sims = new float[m];
            for (int e = 0; e < m; e++) {
                items[e] = in.readInt();
                sims[e] = in.readFloat();
                if (items[e] < 0 || items[e] >= n) {
                    throw new IOException("item " + j + " names neighbour " + items[e] + " outside a catalogue of " + n);
                }
            }
            rows[j] = new Row(items, sims);
        }
        return new ContentNeighbours(rows);
    }
}
