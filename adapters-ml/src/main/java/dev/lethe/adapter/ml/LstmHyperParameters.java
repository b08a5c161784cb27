package dev.lethe.adapter.ml;

import java.util.Properties;

/**
 * The knobs of one LSTM training run; stored with the artifact so a loaded model rebuilds the same
 * network. {@code windowsPerUser} bounds how many maxLength windows of a user's history are trained
 * on (the most recent first), so a few users with thousands of behaviours cannot dominate the
 * training set. Defaults follow the reference setup of EVALUATION.md (embedding 64, hidden 128, max length
 * 200, Adam 1e-3, batch 128).
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
        int timeProjectionSize) {

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
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got: " + dropout);
        }
        if (!(learningRate > 0f) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be positive and finite, got: " + learningRate);
        }
    }

    /** The reference setup, with or without time features. */
    static LstmHyperParameters defaults(boolean timeFeatures) {
        return new LstmHyperParameters(64, 128, 1, 0.2f, 200, 1, 128, 1e-3f, 200, 5, 42L, timeFeatures, 16);
    }

    LstmHyperParameters withEpochs(int maxEpochs, int patience) {
        return new LstmHyperParameters(embeddingSize, hiddenSize, layers, dropout, maxLength, windowsPerUser, batchSize, learningRate,
                maxEpochs, patience, seed, timeFeatures, timeProjectionSize);
    }

    LstmHyperParameters withTimeFeatures(boolean on) {
        return new LstmHyperParameters(embeddingSize, hiddenSize, layers, dropout, maxLength, windowsPerUser, batchSize, learningRate,
                maxEpochs, patience, seed, on, timeProjectionSize);
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
                Integer.parseInt(required(p, "timeProjectionSize")));
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
