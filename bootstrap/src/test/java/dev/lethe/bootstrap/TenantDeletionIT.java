package dev.lethe.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.ForgettingCurveRepository;
import dev.lethe.application.port.out.ModelRegistry;
import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.application.port.out.TrainingJobRepository;
import dev.lethe.bootstrap.config.LetheConfig;
import dev.lethe.domain.tenant.TenantId;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Key rotation and tenant deletion on the real stack (Guice graph, Flyway, JDBC, Vert.x), on the embedded
 * database and MariaDB: a tenant trained a model, rotated its key, and is deleted; its keys stop working and
 * its events, curves, versions, jobs and artifact files are gone, while another tenant keeps everything.
 */
class TenantDeletionIT {
    private static final String ADMIN = "deletion-admin-key-00000000";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalHttp http = new LocalHttp();

    @TempDir
    Path dataDir;

    private LetheConfig config(String database) {
        return ItDatabases.config(database, dataDir, ADMIN);
    }

    @ParameterizedTest
    @MethodSource("dev.lethe.bootstrap.ItDatabases#databases")
    void aDeletedTenantsKeysStopWorkingAndAllItsDataIsErased(String database) throws Exception {
        try (LetheRuntime runtime = LetheRuntime.prepare(config(database), Clock.systemUTC(), new ApplicationModule.NoEngineModule())) {
            int port = runtime.listen();
            String doomed = "del" + Long.toString(System.nanoTime(), 36);
            String kept = doomed + "-kept";
            String key = trainedTenant(port, doomed);
            String keptKey = trainedTenant(port, kept);
            String rotated = JSON.readTree(http.send(port, "POST", "/v1/keys", key, null).body()).get("apiKey").asText();
            assertThat(dataDir.resolve("models").resolve(doomed)).isDirectory();

            HttpResponse<String> deleted = http.send(port, "DELETE", "/v1/tenants/" + doomed, ADMIN, null);

            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
            assertThat(http.send(port, "GET", "/v1/models", key, null).statusCode()).isEqualTo(401);
            assertThat(http.send(port, "GET", "/v1/models", rotated, null).statusCode()).isEqualTo(401);
            TenantId gone = new TenantId(doomed);
            assertThat(runtime.get(TenantRepository.class).find(gone)).isEmpty();
            assertThat(runtime.get(TenantRepository.class).keys(gone)).isEmpty();
            assertThat(runtime.get(BehaviorRepository.class).count(gone)).isZero();
            assertThat(runtime.get(ForgettingCurveRepository.class).list(gone)).isEmpty();
            assertThat(runtime.get(ModelRegistry.class).list(gone)).isEmpty();
            assertThat(runtime.get(TrainingJobRepository.class).list(gone, 10)).isEmpty();
            assertThat(dataDir.resolve("models").resolve(doomed)).doesNotExist();

            TenantId other = new TenantId(kept);
            assertThat(runtime.get(BehaviorRepository.class).count(other)).isPositive();
            assertThat(runtime.get(ModelRegistry.class).list(other)).hasSize(1);
            assertThat(dataDir.resolve("models").resolve(kept)).isDirectory();
            assertThat(http.send(port, "GET", "/v1/models", keptKey, null).statusCode()).isEqualTo(200);
        }
    }

    /** A tenant with a few users' events and one trained, registered profile model. */
    private String trainedTenant(int port, String tenant) throws Exception {
        String key = http.tenantWithEvents(port, ADMIN, tenant);
        HttpResponse<String> started = http.send(port, "POST", "/v1/training-jobs", key, "{\"family\":\"profile\",\"activation\":\"always\"}");
        String job = JSON.readTree(started.body()).get("id").asText();
        long deadline = System.nanoTime() + 60_000_000_000L;
        JsonNode state = null;
        while (System.nanoTime() < deadline) {
            state = JSON.readTree(http.send(port, "GET", "/v1/training-jobs/" + job, key, null).body());
            if (state.get("status").asText().matches("succeeded|failed")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(state.get("status").asText()).as(String.valueOf(state)).isEqualTo("succeeded");
        return key;
    }

    @ParameterizedTest
    @MethodSource("dev.lethe.bootstrap.ItDatabases#databases")
    void aProcessWhoseAdminKeyIsATenantsKeyRefusesToStart(String database) throws Exception {
        String tenantKey;
        try (LetheRuntime runtime = LetheRuntime.prepare(config(database), Clock.systemUTC(), new ApplicationModule.NoEngineModule())) {
            tenantKey = http.tenantWithEvents(runtime.listen(), ADMIN, "adm" + Long.toString(System.nanoTime(), 36));
        }

        assertThatThrownBy(() -> LetheRuntime.prepare(config(database).withAdminKey(tenantKey), Clock.systemUTC(),
                new ApplicationModule.NoEngineModule()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("lethe.admin.key");
    }
}
