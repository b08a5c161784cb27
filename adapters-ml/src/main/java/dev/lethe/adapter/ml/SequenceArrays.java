package dev.lethe.adapter.ml;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;

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
