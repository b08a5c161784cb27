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
        Engine engine = Engine.getEngine(engineName);
        LstmHyperParameters hp = TinySequences.tiny();
        try (Model model = engine.newModel("tiny", engine.defaultDevice())) {
            model.setBlock(new SequenceBlock(hp, 10));
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
