package dev.lethe.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.ForgettingCurveRepository;
import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.application.port.out.ModelRegistry;
import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.application.port.out.TrainingJobRepository;
import dev.lethe.domain.tenant.TenantId;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceModuleTest {
    @TempDir
    Path dataDirectory;

    private Injector injector(DatabaseConfig config) {
        return Guice.createInjector(new PersistenceModule(config), new AbstractModule() {
            @Override
            protected void configure() {
                bind(Clock.class).toInstance(Clock.systemUTC());
            }
        });
    }

    @Test
    void creatingTheInjectorNeitherConnectsNorMigrates() {
        Injector injector = injector(new DatabaseConfig("jdbc:mysql://127.0.0.1:1/nowhere", "u", "p", 2));

        assertThat(injector.getBinding(BehaviorRepository.class)).isNotNull();
    }

    @Test
    void everyStorePortIsBoundToOneSharedDatabase() {
        Injector injector = injector(DatabaseConfig.embedded(dataDirectory));
        try (Database database = injector.getInstance(Database.class)) {
            database.migrate();

            assertThat(injector.getInstance(ItemRepository.class)).isInstanceOf(JdbcItemRepository.class);
            assertThat(injector.getInstance(TenantRepository.class)).isInstanceOf(JdbcTenantRepository.class);
            assertThat(injector.getInstance(ModelRegistry.class)).isInstanceOf(JdbcModelRegistry.class);
            assertThat(injector.getInstance(TrainingJobRepository.class)).isInstanceOf(JdbcTrainingJobRepository.class);
            assertThat(injector.getInstance(ForgettingCurveRepository.class)).isInstanceOf(JdbcForgettingCurveRepository.class);
            assertThat(injector.getInstance(BehaviorRepository.class).count(new TenantId("shop"))).isZero();
            assertThat(injector.getInstance(Database.class)).isSameAs(database);
        }
    }
}
