package dev.lethe.adapter.ml;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import dev.lethe.application.port.out.ModelEnginePort.ModelEngineException;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingData.ValidationCase;
import dev.lethe.domain.model.TrainingListener;
import dev.lethe.domain.sequence.ValidationRanking;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop: windows batched by length, full-softmax cross-entropy over the catalogue at
 * every step (or a sampled softmax, see {@link LstmHyperParameters}), Adam, validation NDCG@10 after
 * each epoch, early stopping, and the best epoch's parameters restored at the end. Each step's and
 * each validation batch's arrays live in a sub-manager closed right after.
 */
final class LstmTraining {
    static final String LOSS = "loss";
    static final String VALIDATION_NDCG = "validation-ndcg@10";
    private static final Logger LOG = LoggerFactory.getLogger(LstmTraining.class);
    private static final int VALIDATION_BATCH = 64;

    private final Engine engine;
    private final int poolSize;

    LstmTraining(Engine engine, int poolSize) {
        this.engine = engine;
        this.poolSize = poolSize;
    }

    LstmRecommender train(String family, LstmHyperParameters hp, TrainingData data, TrainingListener listener) {
        Catalogue catalogue = data.catalogue();
        if (catalogue.size() == 0) {
            throw new IllegalArgumentException("catalogue must not be empty");
        }
        SequenceEncoder encoder = new SequenceEncoder(catalogue, hp.maxLength(), hp.windowsPerUser(), hp.timeFeatures());
        List<EncodedSequence> windows = new ArrayList<>(encoder.trainingWindows(data.events()));
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("events must hold at least one user with two behaviours on catalogue items");
        }
        List<ValidationCase> validation = data.validation();
        List<EncodedSequence> validationInputs = new ArrayList<>(validation.size());
        for (ValidationCase c : validation) {
            validationInputs.add(encoder.forServing(c.context().history(), c.context().asOf()));
        }
        engine.setRandomSeed((int) hp.seed());
        Random random = new Random(hp.seed());
        Device device = engine.defaultDevice();
        LOG.info("training {} on {} device {}: {} windows, {} validation cases, catalogue {}",
                family, engine.getEngineName(), device, windows.size(), validation.size(), catalogue.size());
        DataType indexType = DjlArrays.indexType(engine);
        Model model = engine.newModel(family, device);
        boolean done = false;
        try {
            SequenceBlock block = hp.categoryEmbeddings()
                    ? categoryBlock(hp, data)
                    : new SequenceBlock(hp, catalogue.size());
            model.setBlock(block);
            PlateauRate rate = new PlateauRate(hp.learningRate());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT)
                    .optOptimizer(Adam.builder().optLearningRateTracker(rate).build())
                    .optDevices(new Device[] {device});
            LstmRecommender.TrainingSummary summary;
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(inputShapes(hp));
                summary = loop(hp, trainer, rate, model, windows, validation, validationInputs, catalogue, indexType, random, listener);
            }
            LstmRecommender result = new LstmRecommender(family, engine.getEngineName(), catalogue, hp, model, poolSize, summary);
            done = true;
            return result;
        } finally {
            if (!done) {
                model.close();
            }
        }
    }

    /** The network with category embeddings over the training data's item categories (none known: without). */
    private static SequenceBlock categoryBlock(LstmHyperParameters hp, TrainingData data) {
        Catalogue catalogue = data.catalogue();
        java.util.SortedSet<String> vocabulary = new java.util.TreeSet<>();
        for (int i = 0; i < catalogue.size(); i++) {
            vocabulary.addAll(data.categoriesOf(catalogue.item(i)));
        }
        List<String> index = new ArrayList<>(vocabulary);
        int g = index.size();
        float[] weights = new float[(catalogue.size() + 1) * g];
        for (int i = 0; i < catalogue.size(); i++) {
            java.util.Set<String> of = data.categoriesOf(catalogue.item(i));
            for (String c : of) {
                weights[(i + 1) * g + Collections.binarySearch(index, c)] = 1f / of.size();
            }
        }
        LOG.info("category embeddings: {} categories", g);
        return new SequenceBlock(hp, catalogue.size(), g, weights);
    }

    static Shape[] inputShapes(LstmHyperParameters hp) {
        return hp.timeFeatures()
                ? new Shape[] {new Shape(1, 1), new Shape(1), new Shape(1, 1, SequenceEncoder.STEP_FEATURES)}
                : new Shape[] {new Shape(1, 1), new Shape(1)};
    }

    private LstmRecommender.TrainingSummary loop(LstmHyperParameters hp, Trainer trainer, PlateauRate rate, Model model, List<EncodedSequence> windows,
            List<ValidationCase> validation, List<EncodedSequence> validationInputs, Catalogue catalogue, DataType indexType,
            Random random, TrainingListener listener) {
        int batches = (windows.size() + hp.batchSize() - 1) / hp.batchSize();
        double bestNdcg = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        int lastDecay = 0;
        byte[] bestParameters = null;
        int epoch = 0;
        long trainingNanos = 0;
        long sequences = 0;
        long start = System.nanoTime();
        while (epoch < hp.maxEpochs()) {
            epoch++;
            List<List<EncodedSequence>> epochBatches = lengthBatches(windows, hp.batchSize(), random);
            double lossSum = 0;
            long epochStart = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                List<EncodedSequence> batch = epochBatches.get(b);
                float loss;
                try (NDManager sub = trainer.getManager().newSubManager()) {
                    NDList inputs = SequenceArrays.training(sub, batch, indexType, hp.timeFeatures());
                    NDArray labels = hp.sampledNegatives() > 0
                            ? SequenceArrays.sampledCandidates(sub, inputs, batch, catalogue.size(), hp.sampledNegatives(), random, indexType)
                            : SequenceArrays.labels(sub, batch, indexType);
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDList logits = trainer.forward(inputs);
                        NDArray value = trainer.getLoss().evaluate(new NDList(labels), logits);
                        collector.backward(value);
                        loss = value.getFloat();
                    }
                    trainer.step();
                }
                lossSum += loss;
                listener.progress("epoch " + epoch, b + 1L, batches, String.format("loss %.4f", loss));
            }
            trainingNanos += System.nanoTime() - epochStart;
            sequences += windows.size();
            double meanLoss = lossSum / batches;
            listener.metric(LOSS, epoch, meanLoss);
            if (validation.isEmpty()) {
                LOG.info("epoch {}: loss {}", epoch, String.format("%.4f", meanLoss));
                continue;
            }
            double ndcg = validationNdcg(trainer, validation, validationInputs, catalogue, indexType, hp.timeFeatures());
            listener.metric(VALIDATION_NDCG, epoch, ndcg);
            LOG.info("epoch {}: loss {}, validation NDCG@10 {}", epoch, String.format("%.4f", meanLoss), String.format("%.5f", ndcg));
            if (ndcg > bestNdcg) {
                bestNdcg = ndcg;
                bestEpoch = epoch;
                bestParameters = snapshot(model);
            } else if (epoch - bestEpoch >= hp.patience()) {
                break;
            } else if (hp.plateauEpochs() > 0 && epoch - Math.max(bestEpoch, lastDecay) >= hp.plateauEpochs()) {
                rate.halve();
                lastDecay = epoch;
                LOG.info("epoch {}: no validation gain for {} epochs, learning rate now {}", epoch, hp.plateauEpochs(), rate.value);
            }
        }
        if (bestParameters != null) {
            restore(model, bestParameters);
        } else {
            bestEpoch = epoch;
            bestNdcg = Double.NaN;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double throughput = sequences / (trainingNanos / 1e9);
        LOG.info("trained in {} s, {} epochs, best epoch {} (validation NDCG@10 {}), {} sequences/s",
                String.format("%.1f", seconds), epoch, bestEpoch, String.format("%.5f", bestNdcg), String.format("%.1f", throughput));
        return new LstmRecommender.TrainingSummary(bestEpoch, bestNdcg, epoch, seconds, throughput);
    }

    /**
     * One epoch's batches: windows of about the same length together (shuffled, then sorted by length,
     * so equal lengths meet in a new order each epoch), the batches in random order. A batch is padded
     * to its longest window, so mixing a 20-step window with a 200-step one would run the LSTM over 180
     * padding steps; grouped, the padding is nearly gone.
     */
    static List<List<EncodedSequence>> lengthBatches(List<EncodedSequence> windows, int batchSize, Random random) {
        List<EncodedSequence> order = new ArrayList<>(windows);
        Collections.shuffle(order, random);
        order.sort(Comparator.comparingInt(EncodedSequence::length));
        List<List<EncodedSequence>> batches = new ArrayList<>((order.size() + batchSize - 1) / batchSize);
        for (int from = 0; from < order.size(); from += batchSize) {
            batches.add(order.subList(from, Math.min(order.size(), from + batchSize)));
        }
        Collections.shuffle(batches, random);
        return batches;
    }

    /** Mean validation NDCG@10 of the network in its current state (inference mode, no dropout). */
    static double validationNdcg(Trainer trainer, List<ValidationCase> validation, List<EncodedSequence> inputs, Catalogue catalogue,
            DataType indexType, boolean time) {
        int n = catalogue.size();
        double[] scores = new double[n];
        double sum = 0;
        for (int from = 0; from < inputs.size(); from += VALIDATION_BATCH) {
            int to = Math.min(inputs.size(), from + VALIDATION_BATCH);
            float[] logits;
            try (NDManager sub = trainer.getManager().newSubManager()) {
                NDList out = trainer.evaluate(SequenceArrays.lastStep(sub, inputs.subList(from, to), indexType, time));
                logits = out.singletonOrThrow().toFloatArray();
            }
            for (int i = from; i < to; i++) {
                int offset = (i - from) * n;
                for (int j = 0; j < n; j++) {
                    scores[j] = logits[offset + j];
                }
                ValidationCase c = validation.get(i);
                BitSet consumed = ValidationRanking.consumed(catalogue, c.context().history());
                sum += ValidationRanking.ndcg(scores, ValidationRanking.target(catalogue, c), consumed, 10);
            }
        }
        return sum / inputs.size();
    }

    /**
     * Adam's learning rate: fixed until validation stalls for {@code plateauEpochs}, then halved at
     * each such stall (a smaller step settles into the optimum the large one keeps overshooting).
     */
    static final class PlateauRate implements Tracker {
        private float value;

        PlateauRate(float initial) {
            this.value = initial;
        }

        void halve() {
            value /= 2;
        }

        @Override
        public float getNewValue(int numUpdate) {
            return value;
        }
    }

    private static byte[] snapshot(Model model) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            model.getBlock().saveParameters(out);
        } catch (IOException e) {
            throw new ModelEngineException("could not snapshot parameters", e);
        }
        return bytes.toByteArray();
    }

    private static void restore(Model model, byte[] parameters) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            model.getBlock().loadParameters(model.getNDManager(), in);
        } catch (IOException | MalformedModelException e) {
            throw new ModelEngineException("could not restore the best parameters", e);
        }
    }
}
