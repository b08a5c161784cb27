package dev.lethe.application.port.out;

import dev.lethe.domain.model.ModelTrainer;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingListener;
import java.nio.file.Path;
import java.util.Set;

/**
 * Trains, saves and loads the recommenders whose learned state lives in files (the DJL LSTM family and
 * the blends built on it, the pure-Java sequence kNN). Training blocks for a long time and reports
 * progress; every method throws {@link ModelEngineException} when the engine fails, and {@code load}
 * throws it, naming the directory, for an artifact this engine did not write. The contract kit's
 * {@code ModelEngineContract} checks an implementation (docs/extending.md).
 */
public interface ModelEnginePort {

    /** The families this engine can train, e.g. {@code lstm}, {@code lstm-notime}, {@code lethe}. */
    Set<String> families();

    /** The engine's name as recorded in the registry, e.g. {@code mxnet} or {@code pytorch}. */
    String engine();

    /** Trains a recommender of {@code family}; blocks until done. */
    Recommender train(String family, TrainingData data, TrainingListener listener);

    /**
     * The families that blend a long-term interest profile into their model (e.g. {@code lethe}): they
     * take the profile trainer of {@link #train(String, TrainingData, ModelTrainer, TrainingListener)},
     * so a job's tuning searches that profile. None by default.
     */
    default Set<String> blends() {
        return Set.of();
    }

    /**
     * Trains a recommender of {@code family} as {@link #train(String, TrainingData, TrainingListener)}
     * does, except that a family of {@link #blends()} builds its long-term interest profile with
     * {@code profile} (the tenant's settings, or a search of them; it must train a
     * {@code ProfileRecommender}) instead of the engine's own default. Other families ignore it.
     */
    default Recommender train(String family, TrainingData data, ModelTrainer profile, TrainingListener listener) {
        return train(family, data, listener);
    }

    /** Writes {@code model} (trained by this engine) into {@code directory}, which exists and is empty. */
    void save(Recommender model, Path directory);

    /** Reads a model saved by {@link #save} from {@code directory}. */
    Recommender load(String family, Path directory);

    /** The engine failed (native error, corrupt artifact, out of memory). */
    class ModelEngineException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ModelEngineException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
