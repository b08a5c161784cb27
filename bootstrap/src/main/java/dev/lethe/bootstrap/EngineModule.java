package dev.lethe.bootstrap;

import com.google.inject.AbstractModule;
import dev.lethe.adapter.ml.MlModule;
import java.util.Locale;

/** Makes the DJL engine named by configuration ({@code MXNet} or {@code PyTorch}) the model engine. */
public final class EngineModule extends AbstractModule {
    private final String engine;

    public EngineModule(String engine) {
        this.engine = engine.toLowerCase(Locale.ROOT);
    }

    @Override
    protected void configure() {
        install(new MlModule(engine));
    }
}
