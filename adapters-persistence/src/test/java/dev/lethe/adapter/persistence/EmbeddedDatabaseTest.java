package dev.lethe.adapter.persistence;

import static dev.lethe.application.port.out.contract.ContractData.views;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.BehaviorRepository.AppendOutcome;
import dev.lethe.application.port.out.ModelRegistry;
import dev.lethe.application.port.out.PersistenceException;
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
import org.slf4j.LoggerFactory;

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

    @Test
    void migratingAnUpToDateDatabaseLogsItsCurrentVersion() {
        try (Database database = Database.open(DatabaseConfig.embedded(dataDirectory))) {
            database.migrate();
        }
        Logger logger = (Logger) LoggerFactory.getLogger(Database.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try (Database reopened = Database.open(DatabaseConfig.embedded(dataDirectory))) {
            reopened.migrate();
        } finally {
            logger.detachAppender(logged);
        }

        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(line -> line.matches("database schema at version [1-9][0-9]* \\(0 migrations applied\\)"));
    }

    @Test
    void anEmbeddedDatabaseHeldByAnotherProcessIsSaidToBeLocked() throws Exception {
        DatabaseConfig config = DatabaseConfig.embedded(dataDirectory);
        try (Database database = Database.open(config)) {
            database.migrate();
        }
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.h2.tools.Shell", "-url", config.jdbcUrl(), "-user", "sa")
                .redirectErrorStream(true).start();
        try {
            awaitPrompt(holder);
            try (Database second = Database.open(config)) {
                assertThatThrownBy(second::migrate).isInstanceOf(PersistenceException.class)
                        .hasMessageContaining("is locked by another process");
            }
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }

    /** Reads the H2 shell's output until its prompt: it has connected and holds the file. */
    private static void awaitPrompt(Process shell) throws Exception {
        StringBuilder seen = new StringBuilder();
        var out = shell.getInputStream();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!seen.toString().contains("sql>")) {
            if (System.nanoTime() > deadline || !shell.isAlive() && out.available() == 0) {
                throw new AssertionError("the H2 shell did not connect: " + seen);
            }
            int c = out.read();
            if (c < 0) {
                throw new AssertionError("the H2 shell ended: " + seen);
            }
            seen.append((char) c);
        }
    }
}
