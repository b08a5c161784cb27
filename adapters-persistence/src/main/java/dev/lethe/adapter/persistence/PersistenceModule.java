package dev.lethe.adapter.persistence;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.ForgettingCurveRepository;
import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.application.port.out.ModelRegistry;
import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.application.port.out.TrainingJobRepository;
import java.time.Clock;
import java.util.Objects;

/**
 * Binds the JDBC repositories of every persistence out-port and the {@link Database} they share.
 * Side-effect free: the pool is created when {@link Database} is first provisioned, and nothing is
 * migrated here; bootstrap calls {@link Database#migrate()} and {@link Database#close()}. Needs a
 * {@link Clock} binding from the application module (it stamps receipt and update times).
 */
public final class PersistenceModule extends AbstractModule {
    private final DatabaseConfig config;

    public PersistenceModule(DatabaseConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    protected void configure() {
        bind(DatabaseConfig.class).toInstance(config);
    }

    @Provides
    @Singleton
    Database database(DatabaseConfig databaseConfig) {
        return Database.open(databaseConfig);
    }

    @Provides
    @Singleton
    Jdbc jdbc(Database database) {
        return database.jdbc();
    }

    @Provides
    @Singleton
    BehaviorRepository behaviorRepository(Jdbc jdbc, Clock clock) {
        return new JdbcBehaviorRepository(jdbc, clock);
    }

    @Provides
    @Singleton
    ItemRepository itemRepository(Jdbc jdbc, Clock clock) {
        return new JdbcItemRepository(jdbc, clock);
    }

    @Provides
    @Singleton
    TenantRepository tenantRepository(Jdbc jdbc) {
        return new JdbcTenantRepository(jdbc);
    }

    @Provides
    @Singleton
    ModelRegistry modelRegistry(Jdbc jdbc) {
        return new JdbcModelRegistry(jdbc);
    }

    @Provides
    @Singleton
    TrainingJobRepository trainingJobRepository(Jdbc jdbc) {
        return new JdbcTrainingJobRepository(jdbc);
    }

    @Provides
    @Singleton
    ForgettingCurveRepository forgettingCurveRepository(Jdbc jdbc) {
        return new JdbcForgettingCurveRepository(jdbc);
    }
}
