package dev.lethe.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.lethe.application.port.out.ModelEnginePort;
import dev.lethe.bootstrap.config.LetheConfig;
import dev.lethe.domain.model.DecayedPopularity;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code lethe serve} with a model engine whose one family, {@value #FAMILY}, trains for
 * {@code EPOCHS} epochs of {@code SLOW_EPOCH_MILLIS} each: a child JVM the crash test can kill in the
 * middle of a job. Prints {@code PORT <n>} once listening.
 */
public final class SlowEngineServer {
    static final String FAMILY = "slow";
    static final int EPOCHS = 100;

    private SlowEngineServer() {}

    public static void main(String[] args) throws InterruptedException {
        long epochMillis = Long.parseLong(System.getenv().getOrDefault("SLOW_EPOCH_MILLIS", "0"));
        LetheRuntime runtime = LetheRuntime.prepare(LetheConfig.load(Optional.empty(), System.getenv()), Clock.systemUTC(), module(epochMillis));
        runtime.closeOnShutdown();
        System.out.println("PORT " + runtime.listen());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    /** Binds the slow engine. */
    static AbstractModule module(long epochMillis) {
        return new AbstractModule() {
            @Provides
            @Singleton
            Optional<ModelEnginePort> engine() {
                return Optional.of(new SlowEngine(epochMillis));
            }
        };
    }

    /** Trains popularity, slowly, reporting every epoch. */
    private record SlowEngine(long epochMillis) implements ModelEnginePort {
        @Override
        public Set<String> families() {
            return Set.of(FAMILY);
        }

        @Override
        public String engine() {
            return "slow";
        }

        @Override
        public Recommender train(String family, TrainingData data, TrainingListener listener) {
            for (int epoch = 1; epoch <= EPOCHS; epoch++) {
                try {
                    Thread.sleep(epochMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ModelEngineException("interrupted", e);
                }
                listener.progress("epoch", epoch, EPOCHS, "");
            }
            return DecayedPopularity.fit(family, data.catalogue(), Optional.empty(), data.events());
        }

        @Override
        public void save(Recommender model, Path directory) {
            try {
                Files.writeString(directory.resolve("model.txt"), model.name());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Recommender load(String family, Path directory) {
            throw new ModelEngineException("the slow test engine does not serve", null);
        }
    }
}
