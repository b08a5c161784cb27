package dev.lethe.adapter.ml.knn;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.lethe.application.port.out.ModelEnginePort;
import java.util.Optional;

/**
 * Binds {@link ModelEnginePort} to the pure-Java sequence kNN engine ({@code lethe.ml.engine=knn}):
 * no native library, nothing loaded until the first training or load.
 */
public final class KnnModule extends AbstractModule {
    /** The engine name as configured and as recorded in the registry. */
    public static final String ENGINE = KnnModelEngine.ENGINE;

    @Provides
    @Singleton
    ModelEnginePort modelEngine() {
        return new KnnModelEngine(KnnSettings.defaults());
    }

    /** The engine as bootstrap's {@code ApplicationModule} asks for it (an optional engine). */
    @Provides
    @Singleton
    Optional<ModelEnginePort> optionalModelEngine(ModelEnginePort engine) {
        return Optional.of(engine);
    }
}
