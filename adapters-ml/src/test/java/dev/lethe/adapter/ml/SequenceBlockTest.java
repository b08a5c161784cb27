package dev.lethe.adapter.ml;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SequenceBlockTest {

    private static float[] filled(int n) {
        float[] f = new float[n];
        java.util.Arrays.fill(f, 0.5f);
        return f;
    }

    /** Runs {@code check} with an initialised trainer of a tiny network over 10 items. */
    private static void withTrainer(String engineName, java.util.function.BiConsumer<Trainer, DataType> check) {
        withTrainer(engineName, new SequenceBlock(TinySequences.tiny(), 10), check);
    }

    /** The tiny network with category embeddings: items 0-4 in category 0, items 5-9 in categories 1 and 2. */
    private static SequenceBlock withCategories() {
        LstmHyperParameters t = TinySequences.tiny();
        LstmHyperParameters hp = new LstmHyperParameters(t.embeddingSize(), t.hiddenSize(), t.layers(), t.dropout(), t.maxLength(),
                t.windowsPerUser(), t.batchSize(), t.learningRate(), t.maxEpochs(), t.patience(), t.seed(), t.timeFeatures(),
                t.timeProjectionSize(), t.tiedEmbeddings(), 0, 0, true);
        float[] weights = new float[11 * 3];
        for (int i = 0; i < 10; i++) {
            if (i < 5) {
                weights[(i + 1) * 3] = 1f;
            } else {
                weights[(i + 1) * 3 + 1] = 0.5f;
                weights[(i + 1) * 3 + 2] = 0.5f;
            }
        }
        return new SequenceBlock(hp, 10, 3, weights);
    }

    private static void withTrainer(String engineName, SequenceBlock block, java.util.function.BiConsumer<Trainer, DataType> check) {
        Engine engine = Engine.getEngine(engineName);
        LstmHyperParameters hp = TinySequences.tiny();
        try (Model model = engine.newModel("tiny", engine.defaultDevice())) {
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT)
                    .optDevices(new Device[] {engine.defaultDevice()});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(LstmTraining.inputShapes(hp));
                check.accept(trainer, DjlArrays.indexType(engine));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"MXNet", "PyTorch"})
    void gradientsReachEveryParameterThroughTheRowGather(String engineName) {
        List<EncodedSequence> batch = List.of(
                new EncodedSequence(new int[] {1, 2, 3}, filled(3 * SequenceEncoder.STEP_FEATURES), new int[] {1, 2, 3}),
                new EncodedSequence(new int[] {5, 6}, filled(2 * SequenceEncoder.STEP_FEATURES), new int[] {5, 6}));
        withTrainer(engineName, (trainer, indexType) -> {
            try (NDManager sub = trainer.getManager().newSubManager()) {
                NDList inputs = SequenceArrays.training(sub, batch, indexType, true);
                NDArray labels = SequenceArrays.labels(sub, batch, indexType);
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray loss = trainer.getLoss().evaluate(new NDList(labels), trainer.forward(inputs));
                    collector.backward(loss);
                }
                for (Pair<String, Parameter> p : trainer.getModel().getBlock().getParameters()) {
                    float norm = p.getValue().getArray().getGradient().abs().sum().getFloat();
                    assertThat(norm).as(p.getKey()).isPositive();
                }
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"MXNet", "PyTorch"})
    void gradientsReachTheCategoryEmbeddingsButNotTheFixedCategoryMatrix(String engineName) {
        List<EncodedSequence> batch = List.of(
                new EncodedSequence(new int[] {1, 2, 7}, filled(3 * SequenceEncoder.STEP_FEATURES), new int[] {1, 6, 3}));
        withTrainer(engineName, withCategories(), (trainer, indexType) -> {
            try (NDManager sub = trainer.getManager().newSubManager()) {
                NDList inputs = SequenceArrays.training(sub, batch, indexType, true);
                NDArray labels = SequenceArrays.labels(sub, batch, indexType);
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    collector.backward(trainer.getLoss().evaluate(new NDList(labels), trainer.forward(inputs)));
                }
                for (Pair<String, Parameter> p : trainer.getModel().getBlock().getParameters()) {
                    if (p.getValue().requiresGradient()) {
                        assertThat(p.getValue().getArray().getGradient().abs().sum().getFloat()).as(p.getKey()).isPositive();
                    } else {
                        assertThat(p.getKey()).isEqualTo("itemCategories");
                        assertThat(p.getValue().getArray().get(6).toFloatArray()).containsExactly(0f, 0.5f, 0.5f);
                    }
                }
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"MXNet", "PyTorch"})
    void sampledLogitsEqualTheFullOnesWhenEveryItemIsACandidate(String engineName) {
        List<EncodedSequence> batch = List.of(
                new EncodedSequence(new int[] {1, 2, 3}, filled(3 * SequenceEncoder.STEP_FEATURES), new int[] {8, 2, 8}),
                new EncodedSequence(new int[] {5, 6}, filled(2 * SequenceEncoder.STEP_FEATURES), new int[] {0, 4}));
        withTrainer(engineName, (trainer, indexType) -> {
            // Training mode (the sampled path) runs inside a collector; dropout is 0 in the tiny network, so it is deterministic.
            try (NDManager sub = trainer.getManager().newSubManager(); GradientCollector collector = trainer.newGradientCollector()) {
                float[] full = trainer.forward(SequenceArrays.training(sub, batch, indexType, true)).singletonOrThrow().toFloatArray();
                NDList inputs = SequenceArrays.training(sub, batch, indexType, true);
                float[] labels = SequenceArrays.sampledCandidates(sub, inputs, batch, 10, 100, new java.util.Random(3), indexType)
                        .toType(DataType.FLOAT32, false).toFloatArray();
                float[] candidates = inputs.get(3).toType(DataType.FLOAT32, false).toFloatArray();
                float[] sampled = trainer.forward(inputs).singletonOrThrow().toFloatArray();
                assertThat(candidates).hasSize(10);
                int[] targets = {8, 2, 8, 0, 4};
                for (int row = 0; row < 5; row++) {
                    assertThat(candidates[(int) labels[row]] - 1).isEqualTo(targets[row]);
                    for (int c = 0; c < 10; c++) {
                        int item = (int) candidates[c] - 1;
                        assertThat(sampled[row * 10 + c]).isCloseTo(full[row * 10 + item], org.assertj.core.api.Assertions.within(1e-5f));
                    }
                }
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"MXNet", "PyTorch"})
    void aSequenceScoresTheSameAloneAndInAPaddedBatch(String engineName) {
        EncodedSequence shortOne = new EncodedSequence(new int[] {4, 2}, filled(2 * SequenceEncoder.STEP_FEATURES), new int[0]);
        EncodedSequence longOne = new EncodedSequence(new int[] {1, 2, 3, 7, 9}, filled(5 * SequenceEncoder.STEP_FEATURES), new int[0]);
        withTrainer(engineName, (trainer, indexType) -> {
            try (NDManager sub = trainer.getManager().newSubManager()) {
                float[] batched = trainer.evaluate(SequenceArrays.lastStep(sub, List.of(longOne, shortOne), indexType, true))
                        .singletonOrThrow().toFloatArray();
                float[] alone = trainer.evaluate(SequenceArrays.lastStep(sub, List.of(shortOne), indexType, true))
                        .singletonOrThrow().toFloatArray();
                float[] second = java.util.Arrays.copyOfRange(batched, 10, 20);
                assertThat(second).containsExactly(alone, org.assertj.core.api.Assertions.within(1e-5f));
            }
        });
    }
}
