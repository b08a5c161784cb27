package dev.lethe.adapter.ml;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;

/** Engine quirks in one place. */
final class DjlArrays {
    private DjlArrays() {}

    /** The type index arrays (items, rows, labels) must have: PyTorch wants int64, MXNet float32. */
    static DataType indexType(Engine engine) {
        return "PyTorch".equals(engine.getEngineName()) ? DataType.INT64 : DataType.FLOAT32;
    }
}
