package dev.lethe.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.adapter.persistence.DatabaseTimeouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LetheConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsToTheEmbeddedDatabaseUnderTheDataDirectory() {
        LetheConfig config = LetheConfig.load(Optional.empty(), Map.of());
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.jdbcUrl()).isEmpty();
        assertThat(config.effectiveJdbcUrl()).startsWith("jdbc:h2:file:").contains("MODE=MySQL");
        assertThat(config.mlEngine()).isEqualTo("MXNet");
    }

    @Test
    void environmentOverridesTheFileWhichOverridesTheDefaults() throws IOException {
        Path file = dir.resolve("lethe.properties");
        Files.writeString(file, "lethe.http.port=9000\nlethe.data.dir=/srv/lethe\n");
        LetheConfig config = LetheConfig.load(Optional.of(file), Map.of("LETHE_HTTP_PORT", "9100", "LETHE_DB_URL", "jdbc:mysql://db/lethe"));
        assertThat(config.httpPort()).isEqualTo(9100);
        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/lethe"));
        assertThat(config.effectiveJdbcUrl()).isEqualTo("jdbc:mysql://db/lethe");
    }

    @Test
    void refusesUnknownKeysInTheFileNamingThem() throws IOException {
        Path file = dir.resolve("lethe.properties");
        Files.writeString(file, "lethe.http.prot=9000\n");
        assertThatThrownBy(() -> LetheConfig.load(Optional.of(file), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lethe.http.prot");
    }

    @Test
    void trainingJobLeasesAreConfiguredFromTheEnvironment() {
        LetheConfig config = LetheConfig.load(Optional.empty(), Map.of("LETHE_JOBS_LEASE_SECONDS", "60", "LETHE_JOBS_MAX_ATTEMPTS", "5"));
        assertThat(config.trainingJobs().lease()).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(config.trainingJobs().heartbeat()).isEqualTo(java.time.Duration.ofSeconds(20));
        assertThat(config.trainingJobs().maxAttempts()).isEqualTo(5);
        assertThat(config.trainingJobs().poll()).isEqualTo(java.time.Duration.ofSeconds(5));
    }

    @Test
    void refusesALeaseTooShortToRenewNamingTheKey() {
        assertThatThrownBy(() -> LetheConfig.load(Optional.empty(), Map.of("LETHE_JOBS_LEASE_SECONDS", "2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lethe.jobs.lease-seconds");
    }

    @Test
    void refusesAPortThatIsNotANumberNamingTheKey() {
        assertThatThrownBy(() -> LetheConfig.load(Optional.empty(), Map.of("LETHE_HTTP_PORT", "eighty")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lethe.http.port");
    }

    @Test
    void refusesAnUnknownEngine() {
        assertThatThrownBy(() -> LetheConfig.load(Optional.empty(), Map.of("LETHE_ML_ENGINE", "TensorFlow")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lethe.ml.engine");
    }

    @Test
    void thePureJavaEngineIsSelectedByNameAndTheEvaluatorKeepsMxNetForTheLstm() {
        LetheConfig config = LetheConfig.load(Optional.empty(), Map.of("LETHE_ML_ENGINE", "knn"));

        assertThat(config.mlEngine()).isEqualTo("knn");
        assertThat(config.djlEngine()).isEqualTo("MXNet");
        assertThat(LetheConfig.load(Optional.empty(), Map.of("LETHE_ML_ENGINE", "PyTorch")).djlEngine()).isEqualTo("PyTorch");
    }

    @Test
    void namesEnvironmentVariablesAfterKeys() {
        assertThat(LetheConfig.environmentName("lethe.http.worker-pool-size")).isEqualTo("LETHE_HTTP_WORKER_POOL_SIZE");
    }

    @Test
    void databaseTimeoutsHaveDefaultsAndComeFromTheEnvironment() {
        assertThat(LetheConfig.load(Optional.empty(), Map.of()).dbTimeouts()).isEqualTo(DatabaseTimeouts.DEFAULT);

        LetheConfig config = LetheConfig.load(Optional.empty(), Map.of("LETHE_DB_SOCKET_TIMEOUT_MS", "3000", "LETHE_DB_QUERY_TIMEOUT_MS", "0"));

        assertThat(config.dbTimeouts().socket()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.dbTimeouts().query()).isEqualTo(Duration.ZERO);
    }

    @Test
    void aConnectionTimeoutBelowWhatThePoolAcceptsIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> LetheConfig.load(Optional.empty(), Map.of("LETHE_DB_CONNECTION_TIMEOUT_MS", "10")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lethe.db.").hasMessageContaining("connection timeout");
    }
}
