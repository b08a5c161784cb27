package dev.lethe.adapter.ml;

import java.util.Properties;

/**
 * The knobs of one LSTM training run; stored with the artifact so a loaded model rebuilds the same
 * network.
 *
 * <p>{@code windowsPerUser} bounds how many maxLength windows of a user's history are trained on (the
 * most recent first), so a few users with thousands of behaviours cannot dominate the training set.
 * {@code tiedEmbeddings} scores items by the dot product of a projection of the LSTM state with the
 * input item embeddings (one item matrix instead of two: better and faster on small data).
 *
 * <p>Defaults: the reference setup of docs/evaluation.md (embedding 64, hidden 128, max length 200, Adam,
 * early stopping on validation NDCG@10) with what made it reach the reference on ml-latest-small
 * here (docs/benchmarks.md): every step of a window is a training target, so a batch of 16 windows
 * with Adam 5e-3 gives about as many updates per epoch as 128 single-target samples at 1e-3; dropout
 * 0.5 on the LSTM's input and output; tied embeddings; patience 15 epochs (validation on a few hundred
 * users is noisy: patience 8 stopped earlier and worse).
 *
 * <p>Options measured on ml-latest-small and left off by default (figures in docs/benchmarks.md,
 * "LSTM training speed"): {@code sampledNegatives} &gt; 0 trains on a sampled softmax over the
 * batch's targets plus that many uniformly drawn items (faster per epoch; test NDCG@10 fell from
 * 0.056 to 0.039 at 1,024); {@code plateauEpochs} &gt; 0 halves Adam's rate after that many epochs
 * without a validation gain; {@code categoryEmbeddings} adds the mean of an item's category
 * embeddings to its own (input and tied output alike).
 */
record LstmHyperParameters(
        int embeddingSize,
        int hiddenSize,
        int layers,
        float dropout,
        int maxLength,
        int windowsPerUser,
        int batchSize,
        float learningRate,
        int maxEpochs,
        int patience,
        long seed,
        boolean timeFeatures,
        int timeProjectionSize,
        boolean tiedEmbeddings,
        int sampledNegatives,
        int plateauEpochs,
        boolean categoryEmbeddings) {

    LstmHyperParameters {
        positive("embeddingSize", embeddingSize);
        positive("hiddenSize", hiddenSize);
        positive("layers", layers);
        positive("maxLength", maxLength);
        positive("windowsPerUser", windowsPerUser);
        positive("batchSize", batchSize);
        positive("maxEpochs", maxEpochs);
        positive("patience", patience);
        positive("timeProjectionSize", timeProjectionSize);
        if (plateauEpochs < 0) {
            throw new IllegalArgumentException("plateauEpochs must be 0 (a fixed learning rate) or positive, got: " + plateauEpochs);
        }
        if (sampledNegatives < 0) {
            throw new IllegalArgumentException("sampledNegatives must be 0 (full softmax) or positive, got: " + sampledNegatives);
        }
        if (sampledNegatives > 0 && !tiedEmbeddings) {
            throw new IllegalArgumentException("sampledNegatives needs tiedEmbeddings (it scores a subset of the item embeddings)");
        }
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got: " + dropout);
        }
        if (!(learningRate > 0f) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be positive and finite, got: " + learningRate);
        }
    }

    /** The reference setup, with or without time features. */
    static LstmHyperParameters defaults(boolean timeFeatures) {
        return new LstmHyperParameters(64, 128, 1, 0.5f, 200, 1, 16, 5e-3f, 200, 15, 42L, timeFeatures, 16, true, 0, 0, false);
    }

    LstmHyperParameters withEpochs(int maxEpochs, int patience) {
        return new LstmHyperParameters(embeddingSize, hiddenSize, layers, dropout, maxLength, windowsPerUser, batchSize, learningRate,
                maxEpochs, patience, seed, timeFeatures, timeProjectionSize, tiedEmbeddings, sampledNegatives, plateauEpochs, categoryEmbeddings);
    }

    LstmHyperParameters withTimeFeatures(boolean on) {
        return new LstmHyperParameters(embeddingSize, hiddenSize, layers, dropout, maxLength, windowsPerUser, batchSize, learningRate,
                maxEpochs, patience, seed, on, timeProjectionSize, tiedEmbeddings, sampledNegatives, plateauEpochs, categoryEmbeddings);
    }

    Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("embeddingSize", Integer.toString(embeddingSize));
        p.setProperty("hiddenSize", Integer.toString(hiddenSize));
        p.setProperty("layers", Integer.toString(layers));
        p.setProperty("dropout", Float.toString(dropout));
        p.setProperty("maxLength", Integer.toString(maxLength));
        p.setProperty("windowsPerUser", Integer.toString(windowsPerUser));
        p.setProperty("batchSize", Integer.toString(batchSize));
        p.setProperty("learningRate", Float.toString(learningRate));
        p.setProperty("maxEpochs", Integer.toString(maxEpochs));
        p.setProperty("patience", Integer.toString(patience));
        p.setProperty("seed", Long.toString(seed));
        p.setProperty("timeFeatures", Boolean.toString(timeFeatures));
        p.setProperty("timeProjectionSize", Integer.toString(timeProjectionSize));
        p.setProperty("tiedEmbeddings", Boolean.toString(tiedEmbeddings));
        p.setProperty("sampledNegatives", Integer.toString(sampledNegatives));
        p.setProperty("plateauEpochs", Integer.toString(plateauEpochs));
        p.setProperty("categoryEmbeddings", Boolean.toString(categoryEmbeddings));
        return p;
    }

    static LstmHyperParameters fromProperties(Properties p) {
        return new LstmHyperParameters(
                Integer.parseInt(required(p, "embeddingSize")),
                Integer.parseInt(required(p, "hiddenSize")),
                Integer.parseInt(required(p, "layers")),
                Float.parseFloat(required(p, "dropout")),
                Integer.parseInt(required(p, "maxLength")),
                Integer.parseInt(required(p, "windowsPerUser")),
                Integer.parseInt(required(p, "batchSize")),
                Float.parseFloat(required(p, "learningRate")),
                Integer.parseInt(required(p, "maxEpochs")),
                Integer.parseInt(required(p, "patience")),
                Long.parseLong(required(p, "seed")),
                Boolean.parseBoolean(required(p, "timeFeatures")),
                Integer.parseInt(required(p, "timeProjectionSize")),
                Boolean.parseBoolean(required(p, "tiedEmbeddings")),
                // Artifacts written before sampled training trained on the full softmax.
                Integer.parseInt(p.getProperty("sampledNegatives", "0")),
                Integer.parseInt(p.getProperty("plateauEpochs", "0")),
                Boolean.parseBoolean(p.getProperty("categoryEmbeddings", "false")));
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("model metadata lacks " + key);
        }
        return v;
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got: " + value);
        }
    }
}
