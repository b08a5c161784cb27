package dev.lethe.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.lethe.adapter.ml.MlModule;
import dev.lethe.application.port.out.ModelEnginePort;
import java.util.Locale;
import java.util.Optional;

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

    @Provides
    @Singleton
    Optional<ModelEnginePort> optionalEngine(ModelEnginePort port) {
        return Optional.of(port);
    }
}
