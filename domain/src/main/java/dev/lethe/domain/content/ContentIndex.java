package dev.lethe.domain.content;

import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.model.Catalogue;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * TF-IDF vectors of a catalogue's item texts ({@link ItemText}), fitted per tenant: a term's weight in
 * an item is {@code (1 + ln tf) * idf}, {@code idf = ln((1 + N) / (1 + df)) + 1} over the N items that
 * have any text, and every vector has unit length, so a dot product is a cosine similarity. The
 * vocabulary and the idf are frozen at fitting; an item vectorised later ({@link #vector}) uses only
 * known terms. Immutable.
 */
public final class ContentIndex {
    /**
     * Terms carried by more items than this share of the catalogue (at least {@value #MIN_COMMON_CAP})
     * are too common to propose neighbours; they still count in the norm of every vector.
     */
    public static final double COMMON_TERM_SHARE = 0.2;
    static final int MIN_COMMON_CAP = 50;

    private final Map<String, Integer> terms;
    private final float[] idf;
    private final int[] df;
    /** Per catalogue index: the item's term ids, ascending, and their unit-length weights; empty arrays when it has no text. */
    private final int[][] itemTerms;
    private final float[][] itemWeights;

    private ContentIndex(Map<String, Integer> terms, float[] idf, int[] df, int[][] itemTerms, float[][] itemWeights) {
        this.terms = terms;
        this.idf = idf;
        this.df = df;
        this.itemTerms = itemTerms;
        this.itemWeights = itemWeights;
    }

    /** Fits the vocabulary and idf on the texts of the {@code catalogue}'s items ({@code itemOf} may know none of them). */
    public static ContentIndex fit(Catalogue catalogue, Function<ItemId, Optional<Item>> itemOf) {
        int n = catalogue.size();
        Map<String, Integer> vocabulary = new HashMap<>();
        List<Map<Integer, Integer>> counts = new ArrayList<>(n);
        List<Integer> dfs = new ArrayList<>();
        int documents = 0;
        for (int j = 0; j < n; j++) {
            Map<Integer, Integer> tf = new HashMap<>();
            for (String token : itemOf.apply(catalogue.item(j)).map(ItemText::tokens).orElse(List.of())) {
                Integer id = vocabulary.get(token);
                if (id == null) {
                    id = vocabulary.size();
                    vocabulary.put(token, id);
                    dfs.add(0);
                }
                tf.merge(id, 1, Integer::sum);
            }
            for (Integer id : tf.keySet()) {
                dfs.set(id, dfs.get(id) + 1);
            }
            if (!tf.isEmpty()) {
                documents++;
            }
            counts.add(tf);
        }
        int[] df = dfs.stream().mapToInt(Integer::intValue).toArray();
        float[] idf = new float[df.length];
        for (int t = 0; t < df.length; t++) {
            idf[t] = (float) (Math.log((1.0 + documents) / (1.0 + df[t])) + 1.0);
        }
        int[][] itemTerms = new int[n][];
        float[][] itemWeights = new float[n][];
        for (int j = 0; j < n; j++) {
            int[] ids = counts.get(j).keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            float[] w = new float[ids.length];
            for (int e = 0; e < ids.length; e++) {
                w[e] = (float) ((1 + Math.log(counts.get(j).get(ids[e]))) * idf[ids[e]]);
            }
            normalise(w);
            itemTerms[j] = ids;
            itemWeights[j] = w;
        }
        return new ContentIndex(Map.copyOf(vocabulary), idf, df, itemTerms, itemWeights);
    }

    /** Number of items vectorised (the catalogue at fitting). */
    public int items() {
        return itemTerms.length;
    }

    /** Size of the vocabulary. */
    public int vocabulary() {
        return idf.length;
    }

    /** Whether catalogue item {@code j} has any text. */
    public boolean hasText(int j) {
        return itemTerms[j].length > 0;
    }

    /** The unit TF-IDF vector of {@code item} with this vocabulary and idf (terms unknown at fitting are left out). */
    public Vector vector(Item item) {
        Map<Integer, Integer> tf = new HashMap<>();
        for (String token : ItemText.tokens(item)) {
            Integer id = terms.get(token);
            if (id != null) {
                tf.merge(id, 1, Integer::sum);
            }
        }
        int[] ids = tf.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        float[] w = new float[ids.length];
        for (int e = 0; e < ids.length; e++) {
            w[e] = (float) ((1 + Math.log(tf.get(ids[e]))) * idf[ids[e]]);
        }
        normalise(w);
        return new Vector(ids, w);
    }

    /** The vector of catalogue item {@code j}. */
    public Vector vector(int j) {
        return new Vector(itemTerms[j], itemWeights[j]);
    }

    /**
     * The at most {@code m} catalogue items most similar to {@code v} (cosine, strongest first, ties to
     * the lower index), leaving out {@code self} (or -1) and items with similarity 0. Candidates are
     * the items sharing a term that is not too common ({@link #COMMON_TERM_SHARE}).
     */
    public ContentNeighbours.Row nearest(Vector v, int self, int m, Postings postings) {
        double[] dot = postings.scratch();
        int[] touched = postings.touched();
        int count = 0;
        int cap = Math.max(MIN_COMMON_CAP, (int) (COMMON_TERM_SHARE * itemTerms.length));
        for (int e = 0; e < v.terms().length; e++) {
            int t = v.terms()[e];
            if (df[t] > cap) {
                continue;
            }
            double wt = v.weights()[e];
            int[] items = postings.items(t);
            float[] weights = postings.weights(t);
            for (int p = 0; p < items.length; p++) {
                int k = items[p];
                if (k == self) {
                    continue;
                }
                if (dot[k] == 0) {
                    touched[count++] = k;
                }
                dot[k] += wt * weights[p];
            }
        }
        // Add the common terms' part for the candidates found, so the similarity is the full cosine.
        for (int c = 0; c < count; c++) {
            int k = touched[c];
            dot[k] = cosine(v, itemTerms[k], itemWeights[k]);
        }
        int[] best = new int[Math.min(m, count)];
        float[] sims = new float[best.length];
        int kept = 0;
        for (int c = 0; c < count; c++) {
            int k = touched[c];
            float s = (float) dot[k];
            dot[k] = 0;
            if (!(s > 0)) {
                continue;
            }
            int at = kept;
            if (kept < best.length) {
                kept++;
            } else if (s < sims[kept - 1] || (s == sims[kept - 1] && k > best[kept - 1])) {
                continue;
            } else {
                at = kept - 1;
            }
            while (at > 0 && (sims[at - 1] < s || (sims[at - 1] == s && best[at - 1] > k))) {
                best[at] = best[at - 1];
                sims[at] = sims[at - 1];
                at--;
            }
            best[at] = k;
            sims[at] = s;
        }
        return new ContentNeighbours.Row(Arrays.copyOf(best, kept), Arrays.copyOf(sims, kept));
    }

    /** The postings (term → items carrying it, with weights) for {@link #nearest}; built once, not thread-safe to share. */
    public Postings postings() {
        int[] lengths = new int[idf.length];
        for (int[] ts : itemTerms) {
            for (int t : ts) {
                lengths[t]++;
            }
        }
        int[][] items = new int[idf.length][];
        float[][] weights = new float[idf.length][];
        for (int t = 0; t < idf.length; t++) {
            items[t] = new int[lengths[t]];
            weights[t] = new float[lengths[t]];
        }
        int[] fill = new int[idf.length];
        for (int j = 0; j < itemTerms.length; j++) {
            for (int e = 0; e < itemTerms[j].length; e++) {
                int t = itemTerms[j][e];
                items[t][fill[t]] = j;
                weights[t][fill[t]++] = itemWeights[j][e];
            }
        }
        return new Postings(items, weights, new double[itemTerms.length], new int[itemTerms.length]);
    }

    /** The {@code m} nearest neighbours of every catalogue item. */
    public ContentNeighbours neighbours(int m) {
        Postings postings = postings();
        ContentNeighbours.Row[] rows = new ContentNeighbours.Row[itemTerms.length];
        for (int j = 0; j < rows.length; j++) {
            rows[j] = nearest(vector(j), j, m, postings);
        }
        return new ContentNeighbours(rows);
    }

    /** Writes the vocabulary, idf and vectors; {@link #read} restores them exactly. */
    public void write(DataOutput out) throws IOException {
        String[] byId = new String[idf.length];
        terms.forEach((term, id) -> byId[id] = term);
        out.writeInt(idf.length);
        for (int t = 0; t < idf.length; t++) {
            out.writeUTF(byId[t]);
            out.writeFloat(idf[t]);
            out.writeInt(df[t]);
        }
        out.writeInt(itemTerms.length);
        for (int j = 0; j < itemTerms.length; j++) {
            out.writeInt(itemTerms[j].length);
            for (int e = 0; e < itemTerms[j].length; e++) {
                out.writeInt(itemTerms[j][e]);
                out.writeFloat(itemWeights[j][e]);
            }
        }
    }

    /** Reads what {@link #write} wrote. */
    public static ContentIndex read(DataInput in) throws IOException {
        int v = in.readInt();
        Map<String, Integer> terms = new HashMap<>(v * 2);
        float[] idf = new float[v];
        int[] df = new int[v];
        for (int t = 0; t < v; t++) {
            terms.put(in.readUTF(), t);
            idf[t] = in.readFloat();
            df[t] = in.readInt();
        }
        int n = in.readInt();
        int[][] itemTerms = new int[n][];
        float[][] itemWeights = new float[n][];
        for (int j = 0; j < n; j++) {
            int m = in.readInt();
            if (m < 0 || m > v) {
                throw new IOException("item " + j + " claims " + m + " terms in a vocabulary of " + v);
            }
            itemTerms[j] = new int[m];
            itemWeights[j] = new float[m];
            for (int e = 0; e < m; e++) {
                int t = in.readInt();
                if (t < 0 || t >= v) {
                    throw new IOException("item " + j + " names term " + t + " outside a vocabulary of " + v);
                }
                itemTerms[j][e] = t;
                itemWeights[j][e] = in.readFloat();
            }
        }
        return new ContentIndex(Map.copyOf(terms), idf, df, itemTerms, itemWeights);
    }

    /** Heap bytes held, roughly. */
    public long heapBytes() {
        long bytes = terms.size() * 64L + idf.length * 8L;
        for (int[] ts : itemTerms) {
            bytes += 2 * 16 + ts.length * 8L;
        }
        return bytes;
    }

    private static double cosine(Vector v, int[] terms, float[] weights) {
        double sum = 0;
        int a = 0;
        int b = 0;
        int[] vt = v.terms();
        while (a < vt.length && b < terms.length) {
            if (vt[a] == terms[b]) {
                sum += v.weights()[a++] * weights[b++];
            } else if (vt[a] < terms[b]) {
                a++;
            } else {
                b++;
            }
        }
        return sum;
    }

    private static void normalise(float[] w) {
        double norm = 0;
        for (float x : w) {
            norm += x * x;
        }
        if (norm > 0) {
            float inv = (float) (1 / Math.sqrt(norm));
            for (int e = 0; e < w.length; e++) {
                w[e] *= inv;
            }
        }
    }

    /** A sparse unit vector: term ids ascending with their weights. */
    public record Vector(int[] terms, float[] weights) {
        public boolean isEmpty() {
            return terms.length == 0;
        }
    }

    /** Term → items postings and the scratch space of one {@link #nearest} caller. */
    public record Postings(int[][] itemsByTerm, float[][] weightsByTerm, double[] scratch, int[] touched) {
        int[] items(int term) {
            return itemsByTerm[term];
        }

        float[] weights(int term) {
            return weightsByTerm[term];
        }
    }
}
