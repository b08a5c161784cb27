package dev.lethe.adapter.ml;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The next-item network: item embedding (+ projected time features) -> dropout -> LSTM -> dropout
 * -> one logit per
 * catalogue item, computed only at the positions listed in the input (the rows that have a target
 * in training, the last position of each sequence in serving).
 *
 * <p>Inputs: {@code items (B, T)} catalogue index + 1 (0 = padding), {@code rows (N)} flat indices
 * {@code b * T + t} of the positions to score, and, with time features, {@code time (B, T, 2F)}.
 * Output: {@code logits (N, catalogueSize)}.
 *
 * <p>Sampled training (tied embeddings only) appends {@code candidates (C)} (item index + 1) and
 * {@code correction (C)} (see {@link SequenceArrays#sampledCandidates}); the output is then
 * {@code logits (N, C)} over those candidates only, a fifth of the catalogue-wide work at C ≈ 2,000.
 */
final class SequenceBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final LstmHyperParameters hp;
    private final int catalogueSize;
    private final Parameter itemEmbedding;
    private final Linear timeProjection;
    private final LSTM lstm;
    private final Dropout inputDropout;
    private final Dropout dropout;
    private final Linear output;
    private final Linear outputProjection;
    private final Parameter outputBias;
    private final int categoryCount;
    private final Parameter itemCategories;
    private final Parameter categoryEmbedding;

    SequenceBlock(LstmHyperParameters hp, int catalogueSize) {
        this(hp, catalogueSize, 0, null);
    }

    /**
     * @param categoryCount the number of distinct item categories (0: no category embeddings)
     * @param itemCategories row-major {@code (catalogueSize + 1) x categoryCount}: each item's categories
     *     as weights summing to 1 (row 0, the padding token, all zero); null when the parameters are
     *     loaded from an artifact, which holds this matrix
     */
    SequenceBlock(LstmHyperParameters hp, int catalogueSize, int categoryCount, float[] itemCategories) {
        super(VERSION);
        this.hp = hp;
        this.catalogueSize = catalogueSize;
        this.itemEmbedding = addParameter(Parameter.builder()
                .setName("itemEmbedding")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(catalogueSize + 1L, hp.embeddingSize()))
                .build());
        this.categoryCount = hp.categoryEmbeddings() ? categoryCount : 0;
        if (this.categoryCount > 0) {
            // A fixed matrix, stored with the parameters so that a loaded model needs no category source.
            this.itemCategories = addParameter(Parameter.builder()
                    .setName("itemCategories")
                    .setType(Parameter.Type.OTHER)
                    .optRequiresGrad(false)
                    .optShape(new Shape(catalogueSize + 1L, categoryCount))
                    .optInitializer((manager, shape, type) -> itemCategories == null
                            ? manager.zeros(shape, type)
                            : manager.create(itemCategories, shape))
                    .build());
            this.categoryEmbedding = addParameter(Parameter.builder()
                    .setName("categoryEmbedding")
                    .setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(categoryCount, hp.embeddingSize()))
                    .build());
        } else {
            this.itemCategories = null;
            this.categoryEmbedding = null;
        }
        this.timeProjection = hp.timeFeatures()
                ? addChildBlock("timeProjection", Linear.builder().setUnits(hp.timeProjectionSize()).build())
                : null;
        this.lstm = addChildBlock("lstm", LSTM.builder()
                .setStateSize(hp.hiddenSize())
                .setNumLayers(hp.layers())
                .optDropRate(hp.layers() > 1 ? hp.dropout() : 0f)
                .optBatchFirst(true)
                .optReturnState(false)
                .build());
        this.inputDropout = addChildBlock("inputDropout", Dropout.builder().optRate(hp.dropout()).build());
        this.dropout = addChildBlock("dropout", Dropout.builder().optRate(hp.dropout()).build());
        if (hp.tiedEmbeddings()) {
            this.output = null;
            this.outputProjection = addChildBlock("outputProjection", Linear.builder().setUnits(hp.embeddingSize()).build());
            this.outputBias = addParameter(Parameter.builder()
                    .setName("outputBias")
                    .setType(Parameter.Type.BIAS)
                    .optShape(new Shape(catalogueSize))
                    .build());
        } else {
            this.output = addChildBlock("output", Linear.builder().setUnits(catalogueSize).build());
            this.outputProjection = null;
            this.outputBias = null;
        }
    }

    int categoryCount() {
        return categoryCount;
    }

    int inputSize() {
        return hp.embeddingSize() + (hp.timeFeatures() ? hp.timeProjectionSize() : 0);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray items = inputs.get(0);
        NDArray rows = inputs.get(1);
        NDArray weight = store.getValue(itemEmbedding, items.getDevice(), training);
        if (categoryEmbedding != null) {
            // Each item's vector is its own embedding plus the mean of its categories' (rare items borrow from their genre).
            NDArray fromCategories = store.getValue(itemCategories, items.getDevice(), training)
                    .matMul(store.getValue(categoryEmbedding, items.getDevice(), training));
            fromCategories.attach(items.getManager());
            weight = weight.add(fromCategories);
            weight.attach(items.getManager());
        }
        NDArray x = Embedding.embedding(items, weight, SparseFormat.DENSE).singletonOrThrow();
        if (timeProjection != null) {
            NDArray time = timeProjection.forward(store, new NDList(inputs.get(2)), training).singletonOrThrow();
            x = x.concat(Activation.tanh(time), 2);
        }
        x = inputDropout.forward(store, new NDList(x), training).singletonOrThrow();
        NDArray hidden = lstm.forward(store, new NDList(x), training).head();
        NDArray flat = hidden.reshape(-1, hp.hiddenSize());
        // The embedding op is a differentiable row gather on both engines.
        NDArray picked = Embedding.embedding(rows, flat, SparseFormat.DENSE).singletonOrThrow();
        picked = dropout.forward(store, new NDList(picked), training).singletonOrThrow();
        if (output != null) {
            return output.forward(store, new NDList(picked), training);
        }
        // Tied: the state, projected to embedding space, against every item's input embedding (row 0 is padding).
        NDArray query = outputProjection.forward(store, new NDList(picked), training).singletonOrThrow();
        NDArray bias = store.getValue(outputBias, items.getDevice(), training);
        int sampled = timeProjection != null ? 3 : 2;
        if (training && inputs.size() == sampled + 2) {
            NDArray candidates = inputs.get(sampled);
            NDArray vectors = Embedding.embedding(candidates, weight, SparseFormat.DENSE).singletonOrThrow();
            // The bias has no padding row: gather it at candidate - 1. Its reshaped view belongs to the step.
            NDArray biasColumn = bias.reshape(-1, 1);
            biasColumn.attach(items.getManager());
            NDArray candidateBias = Embedding.embedding(candidates.sub(1), biasColumn, SparseFormat.DENSE).singletonOrThrow().reshape(-1);
            NDArray logits = Linear.linear(query, vectors, candidateBias).singletonOrThrow();
            return new NDList(logits.add(inputs.get(sampled + 1)));
        }
        NDArray itemVectors = weight.get("1:");
        // A slice of a parameter belongs to the model's manager: hand it to this step's manager, or every
        // forward pass (training step, validation, request) leaks a catalogue-sized copy of native memory.
        itemVectors.attach(items.getManager());
        return Linear.linear(query, itemVectors, bias);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[1].get(0), catalogueSize)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape items = inputShapes[0];
        if (timeProjection != null) {
            timeProjection.initialize(manager, dataType, inputShapes[2]);
        }
        inputDropout.initialize(manager, dataType, new Shape(items.get(0), items.get(1), inputSize()));
        lstm.initialize(manager, dataType, new Shape(items.get(0), items.get(1), inputSize()));
        dropout.initialize(manager, dataType, new Shape(inputShapes[1].get(0), hp.hiddenSize()));
        if (output != null) {
            output.initialize(manager, dataType, new Shape(inputShapes[1].get(0), hp.hiddenSize()));
        } else {
            outputProjection.initialize(manager, dataType, new Shape(inputShapes[1].get(0), hp.hiddenSize()));
        }
    }
}
