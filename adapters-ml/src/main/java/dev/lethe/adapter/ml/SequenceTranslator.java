package dev.lethe.adapter.ml;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.util.List;

/** One serving request: its arrays live in the predictor's per-call manager, which DJL closes after the call. */
final class SequenceTranslator implements NoBatchifyTranslator<EncodedSequence, float[]> {
    private final DataType indexType;
    private final boolean time;

    SequenceTranslator(DataType indexType, boolean time) {
        this.indexType = indexType;
        this.time = time;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, EncodedSequence input) {
        return SequenceArrays.lastStep(ctx.getNDManager(), List.of(input), indexType, time);
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
        return list.singletonOrThrow().toFloatArray();
    }
}
