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

    /** The engine named by {@value #ENGINE_PROPERTY}, else MXNet. */
    public MlModule() {
        this(System.getProperty(ENGINE_PROPERTY, "mxnet"));
    }

    /** The engine {@code mxnet} or {@code pytorch}. */
    public MlModule(String engine) {
        this.engine = engine;
    }

    @Provides
    @Singleton
    ModelEnginePort modelEngine() {
        return new DjlModelEngine(engine, LstmHyperParameters.defaults(true), Runtime.getRuntime().availableProcessors());
    }

    /** The engine as bootstrap's {@code ApplicationModule} asks for it (an optional engine). */
    @Provides
    @Singleton
    Optional<ModelEnginePort> optionalModelEngine(ModelEnginePort engine) {
        return Optional.of(engine);
    }
}
