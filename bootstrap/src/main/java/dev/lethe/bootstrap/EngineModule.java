package dev.lethe.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.lethe.adapter.ml.MlModule;
import dev.lethe.adapter.ml.knn.KnnModule;
import java.util.Locale;

/** Makes the DJL engine named by configuration ({@code MXNet} or {@code PyTorch}) the model engine. */
public final class EngineModule extends AbstractModule {
    private final String engine;
    private final boolean serving;

    /** The engine for training and evaluation. */
    public EngineModule(String engine) {
        this(engine, false);
    }

    /** With {@code serving} ({@code serve}, {@code demo}), MXNet is set up to serve predictions in parallel. */
    public EngineModule(String engine, boolean serving) {
        this.engine = engine.toLowerCase(Locale.ROOT);
        this.serving = serving;
    }

    /**
     * The module of the model engine {@code lethe.ml.engine} names: {@code knn} is the pure-Java sequence
     * kNN engine ({@link KnnModule}), anything else a DJL backend of this module. The one place the
     * configuration picks an engine implementation.
     */
    public static Module named(String engine, boolean serving) {
        return KnnModule.ENGINE.equals(engine) ? new KnnModule() : new EngineModule(engine, serving);
    }

    @Override
    protected void configure() {
        install(new MlModule(engine, serving));
    }
}
