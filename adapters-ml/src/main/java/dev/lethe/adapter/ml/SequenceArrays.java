package dev.lethe.adapter.ml;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

/** Packs encoded sequences into the arrays {@link SequenceBlock} reads (right-padded to the longest). */
final class SequenceArrays {
    private SequenceArrays() {}

    /** Inputs scoring every step that has a target (training). */
    static NDList training(NDManager manager, List<EncodedSequence> batch, DataType indexType, boolean time) {
        return build(manager, batch, indexType, time, true);
    }

    /** Inputs scoring the last step of each sequence (validation, serving). */
    static NDList lastStep(NDManager manager, List<EncodedSequence> batch, DataType indexType, boolean time) {
        return build(manager, batch, indexType, time, false);
    }

    /** The targets of every step, in the row order of {@link #training}. */
    static NDArray labels(NDManager manager, List<EncodedSequence> batch, DataType indexType) {
        int n = 0;
        for (EncodedSequence s : batch) {
            n += s.length();
        }
        float[] labels = new float[n];
        int r = 0;
        for (EncodedSequence s : batch) {
            for (int t : s.targets()) {
                labels[r++] = t;
            }
        }
        return manager.create(labels).toType(indexType, false);
    }

    /**
     * The sampled-softmax part of a training step: the step's distinct targets plus {@code negatives}
     * items drawn uniformly from the rest of the catalogue. {@link SequenceBlock} scores only these
     * candidates; each drawn item's logit gets {@code ln((n - targets) / drawn)} added, so the drawn
     * items stand for all the items not drawn and the softmax's normaliser stays an unbiased estimate of
     * the full one. Appends the candidates (item index + 1, as the embedding reads them) and the
     * corrections to {@code inputs}; returns the labels as positions among the candidates.
     */
    static NDArray sampledCandidates(NDManager manager, NDList inputs, List<EncodedSequence> batch, int catalogueSize, int negatives,
            Random random, DataType indexType) {
        int[] position = new int[catalogueSize];
        java.util.Arrays.fill(position, -1);
        int rows = 0;
        for (EncodedSequence s : batch) {
            rows += s.length();
        }
        float[] labels = new float[rows];
        int[] candidates = new int[Math.min(catalogueSize, rows + negatives)];
        int c = 0;
        int r = 0;
        for (EncodedSequence s : batch) {
            for (int t : s.targets()) {
                if (position[t] < 0) {
                    position[t] = c;
                    candidates[c++] = t;
                }
                labels[r++] = position[t];
            }
        }
        int targets = c;
        int drawn = Math.min(negatives, catalogueSize - targets);
        BitSet taken = new BitSet(catalogueSize);
        for (int i = 0; i < targets; i++) {
            taken.set(candidates[i]);
        }
        while (c < targets + drawn) {
            int item = random.nextInt(catalogueSize);
            if (!taken.get(item)) {
                taken.set(item);
                candidates[c++] = item;
            }
        }
        float[] tokens = new float[c];
        float[] correction = new float[c];
        float shift = drawn > 0 ? (float) Math.log((catalogueSize - targets) / (double) drawn) : 0f;
        for (int i = 0; i < c; i++) {
            tokens[i] = candidates[i] + 1;
            correction[i] = i < targets ? 0f : shift;
        }
        inputs.add(manager.create(tokens).toType(indexType, false));
        inputs.add(manager.create(correction));
        return manager.create(labels).toType(indexType, false);
    }

    private static NDList build(NDManager manager, List<EncodedSequence> batch, DataType indexType, boolean time, boolean allSteps) {
        int b = batch.size();
        int width = 0;
        int rowCount = 0;
        for (EncodedSequence s : batch) {
            width = Math.max(width, s.length());
            rowCount += allSteps ? s.length() : 1;
        }
        float[] tokens = new float[b * width];
        float[] rows = new float[rowCount];
        float[] features = time ? new float[b * width * SequenceEncoder.STEP_FEATURES] : null;
        int r = 0;
        for (int i = 0; i < b; i++) {
            EncodedSequence s = batch.get(i);
            int[] tk = s.tokens();
            for (int t = 0; t < tk.length; t++) {
                tokens[i * width + t] = tk[t];
            }
            if (allSteps) {
                for (int t = 0; t < tk.length; t++) {
                    rows[r++] = i * width + t;
                }
            } else {
                rows[r++] = i * width + tk.length - 1;
            }
            if (features != null) {
                System.arraycopy(s.time(), 0, features, i * width * SequenceEncoder.STEP_FEATURES, s.time().length);
            }
        }
        NDList list = new NDList(
                manager.create(tokens, new Shape(b, width)).toType(indexType, false),
                manager.create(rows).toType(indexType, false));
        if (features != null) {
            list.add(manager.create(features, new Shape(b, width, SequenceEncoder.STEP_FEATURES)));
        }
        return list;
    }
}
