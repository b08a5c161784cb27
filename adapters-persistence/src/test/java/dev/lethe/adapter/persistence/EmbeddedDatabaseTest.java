package dev.lethe.adapter.persistence;

import static dev.lethe.adapter.persistence.Behaviors.views;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.BehaviorRepository.AppendOutcome;
import dev.lethe.application.port.out.ModelRegistry;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.registry.ModelVersion;
import dev.lethe.domain.tenant.TenantId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: an H2 file database under a data directory that outlives the process. */
class EmbeddedDatabaseTest {
    private final TenantId tenant = new TenantId("shop");

    @TempDir
    Path dataDirectory;

    @Test
    void everythingStoredSurvivesARestart() {
        List<Behavior> log = views("e", "u1", 20);
        ModelVersion model = new ModelVersion(tenant, 1, "decayed-pop", "java", Map.of("hr@10", 0.25), "", true, Instant.parse("2024-01-01T00:00:00Z"));
        try (Database database = Database.open(DatabaseConfig.embedded(dataDirectory))) {
            database.migrate();
            new JdbcBehaviorRepository(database.jdbc(), Clock.systemUTC()).append(tenant, log);
            new JdbcModelRegistry(database.jdbc()).register(model);
        }

        try (Database reopened = Database.open(DatabaseConfig.embedded(dataDirectory))) {
            reopened.migrate();
            BehaviorRepository behaviors = new JdbcBehaviorRepository(reopened.jdbc(), Clock.systemUTC());
            ModelRegistry registry = new JdbcModelRegistry(reopened.jdbc());

            assertThat(behaviors.recentForUser(tenant, new UserId("u1"), 100)).containsExactlyElementsOf(log);
            assertThat(behaviors.append(tenant, log)).containsOnly(AppendOutcome.DUPLICATE);
            assertThat(registry.active(tenant)).contains(model);
        }
    }

    @Test
    void databaseFileLivesInTheDataDirectory() {
        try (Database database = Database.open(DatabaseConfig.embedded(dataDirectory))) {
            database.migrate();
        }

        assertThat(dataDirectory.resolve("lethe.mv.db")).exists();
    }

    @Test
    void migratingTwiceIsANoOp() {
        try (Database database = Database.open(DatabaseConfig.embedded(dataDirectory))) {
            database.migrate();
            database.migrate();

            assertThat(database.isReachable()).isTrue();
        }
    }

    @Test
    void closedDatabaseIsNotReachable() {
        Database database = Database.open(DatabaseConfig.embedded(dataDirectory));
        database.close();

        assertThat(database.isReachable()).isFalse();
    }
}
