package dev.lethe.adapter.ml;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.lethe.application.port.out.ModelEnginePort;
import java.util.Optional;

/**
 * Binds {@link ModelEnginePort} to the DJL LSTM engine. The engine is {@code mxnet} unless the
 * constructor or the system property {@code lethe.ml.engine} says {@code pytorch}; nothing is loaded
 * until the first training or load.
 */
public final class MlModule extends AbstractModule {
    /** The system property naming the DJL engine. */
    public static final String ENGINE_PROPERTY = "lethe.ml.engine";

    private final String engine;
    private final boolean parallelInference;

    /** The engine named by {@value #ENGINE_PROPERTY}, else MXNet. */
    public MlModule() {
        this(System.getProperty(ENGINE_PROPERTY, "mxnet"));
    }

    /** The engine {@code mxnet} or {@code pytorch}, for training and evaluation (MXNet's engine type left as found). */
    public MlModule(String engine) {
        this(engine, false);
    }

    /**
     * The engine {@code mxnet} or {@code pytorch}; with {@code parallelInference} (a serving process) on
     * MXNet, the engine selects MXNet's NaiveEngine before MXNet loads, unless {@code MXNET_ENGINE_TYPE}
     * is set, so that each loaded model serves with one predictor per core instead of one.
     */
    public MlModule(String engine, boolean parallelInference) {
        this.engine = engine;
        this.parallelInference = parallelInference;
    }

    @Provides
    @Singleton
    ModelEnginePort modelEngine() {
        return new DjlModelEngine(engine, LstmHyperParameters.defaults(true), Runtime.getRuntime().availableProcessors(), parallelInference);
    }

    /** The engine as bootstrap's {@code ApplicationModule} asks for it (an optional engine). */
    @Provides
    @Singleton
    Optional<ModelEnginePort> optionalModelEngine(ModelEnginePort engine) {
        return Optional.of(engine);
    }
}
