package dev.lethe.bootstrap;

import com.google.inject.AbstractModule;
import dev.lethe.adapter.ml.MlModule;
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

    @Override
    protected void configure() {
        install(new MlModule(engine, serving));
    }
}
