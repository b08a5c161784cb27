package dev.lethe.adapter.ml;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import java.util.Random;

/**
 * A bare DJL training loop of the same network on random full-length sequences: the throughput
 * ceiling the engine's own loop is compared with in the benchmark.
 */
final class RawDjlLoop {
    private RawDjlLoop() {}

    /** Sequences per second over {@code steps} timed steps (after one warm-up step). */
    static double sequencesPerSecond(String engineName, LstmHyperParameters hp, int catalogueSize, int length, int steps) {
        Engine engine = Engine.getEngine(engineName);
        engine.setRandomSeed(1);
        Random random = new Random(1);
        SequenceBlock block = new SequenceBlock(hp, catalogueSize);
        DataType indexType = DjlArrays.indexType(engine);
        try (Model model = engine.newModel("raw", engine.defaultDevice())) {
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optInitializer(new XavierInitializer(), ai.djl.nn.Parameter.Type.WEIGHT)
                    .optOptimizer(Adam.builder().optLearningRateTracker(Tracker.fixed(hp.learningRate())).build())
                    .optDevices(new ai.djl.Device[] {engine.defaultDevice()});
            try (Trainer trainer = model.newTrainer(config)) {
                int b = hp.batchSize();
                int n = b * length;
                Shape[] shapes = hp.timeFeatures()
                        ? new Shape[] {new Shape(b, length), new Shape(n), new Shape(b, length, 2L * dev.lethe.domain.sequence.TimeFeatures.SIZE)}
                        : new Shape[] {new Shape(b, length), new Shape(n)};
                trainer.initialize(shapes);
                long start = 0;
                for (int s = 0; s <= steps; s++) {
                    if (s == 1) {
                        start = System.nanoTime();
                    }
                    try (NDManager sub = trainer.getManager().newSubManager()) {
                        float[] items = new float[n];
                        float[] labels = new float[n];
                        float[] rows = new float[n];
                        for (int i = 0; i < n; i++) {
                            items[i] = 1 + random.nextInt(catalogueSize);
                            labels[i] = random.nextInt(catalogueSize);
                            rows[i] = i;
                        }
                        NDList inputs = new NDList(
                                sub.create(items, new Shape(b, length)).toType(indexType, false),
                                sub.create(rows).toType(indexType, false));
                        if (hp.timeFeatures()) {
                            inputs.add(sub.randomUniform(0f, 1f, new Shape(b, length, 2L * dev.lethe.domain.sequence.TimeFeatures.SIZE)));
                        }
                        // Sampled training scores the same candidates the engine's loop would build.
                        NDArray label = hp.sampledNegatives() > 0
                                ? SequenceArrays.sampledCandidates(sub, inputs, randomBatch(labels, b, length), catalogueSize,
                                        hp.sampledNegatives(), random, indexType)
                                : sub.create(labels).toType(indexType, false);
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDList out = trainer.forward(inputs);
                            NDArray loss = trainer.getLoss().evaluate(new NDList(label), out);
                            gc.backward(loss);
                        }
                        trainer.step();
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                return steps * (double) b / seconds;
            }
        }
    }

    /** Random labels as windows of one length (the engine's sampler reads the targets only). */
    private static java.util.List<EncodedSequence> randomBatch(float[] labels, int b, int length) {
        java.util.List<EncodedSequence> batch = new java.util.ArrayList<>(b);
        for (int i = 0; i < b; i++) {
            int[] targets = new int[length];
            for (int t = 0; t < length; t++) {
                targets[t] = (int) labels[i * length + t];
            }
            batch.add(new EncodedSequence(new int[length], new float[0], targets));
        }
        return batch;
    }

    public static void main(String[] args) {
        String engine = args.length > 0 ? args[0] : "MXNet";
        int length = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 128;
        LstmHyperParameters base = LstmHyperParameters.defaults(false);
        LstmHyperParameters hp = new LstmHyperParameters(base.embeddingSize(), base.hiddenSize(), base.layers(), base.dropout(),
                base.maxLength(), base.windowsPerUser(), batch, base.learningRate(), base.maxEpochs(), base.patience(), base.seed(), false, base.timeProjectionSize(), base.tiedEmbeddings(),
                Integer.getInteger("negatives", 0), 0, false);
        System.out.printf("%s: %.1f sequences/s (length %d, batch %d)%n", engine, sequencesPerSecond(engine, hp, 9742, length, steps), length, batch);
    }
}
