package dev.lethe.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.application.port.in.CheckServingUseCase;
import dev.lethe.application.port.in.CreateTenantCommand;
import dev.lethe.application.port.in.CreateTenantResult;
import dev.lethe.application.port.in.CreateTenantUseCase;
import dev.lethe.application.port.in.IngestBehaviorsCommand;
import dev.lethe.application.port.in.IngestBehaviorsUseCase;
import dev.lethe.application.port.in.ManageModelsUseCase;
import dev.lethe.application.port.in.ManageModelsUseCase.UnservableVersionException;
import dev.lethe.application.port.in.RecommendQuery;
import dev.lethe.application.port.in.RecommendUseCase;
import dev.lethe.application.port.in.Recommendations;
import dev.lethe.application.port.in.TrainModelCommand;
import dev.lethe.application.port.in.TrainModelUseCase;
import dev.lethe.bootstrap.config.LetheConfig;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.registry.ModelVersion;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.tenant.TenantKind;
import dev.lethe.domain.training.Activation;
import dev.lethe.domain.training.TrainingJob;
import dev.lethe.domain.training.TrainingStatus;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Swapping the model engine by configuration, end to end on the real wiring: a server whose
 * {@code lethe.ml.engine} is {@code knn} trains, registers and serves the pure-Java {@code seq-knn}
 * family; a server on the DJL engine refuses to activate that version with the reason, and says in its
 * readiness why it cannot serve it.
 */
class EngineSwapIT {
    /** A key of this run only: key hashes are unique across tenants, and the MariaDB run keeps earlier runs' tenants. */
    private final String key = "swap-test-key-" + System.nanoTime();
    private final LocalHttp http = new LocalHttp();

    @TempDir
    Path dataDir;

    private static LetheRuntime runtime(LetheConfig config, String engine) {
        return LetheRuntime.prepare(config, Clock.systemUTC(), EngineModule.named(engine, false));
    }

    /** Twenty users walking ten items in order, a minute a step, the last an hour ago. */
    private static List<Behavior> walks() {
        List<Behavior> events = new ArrayList<>();
        Instant start = Instant.now().minus(Duration.ofDays(2));
        for (int u = 0; u < 20; u++) {
            for (int s = 0; s < 8; s++) {
                events.add(Behavior.of(new EventId("u" + u + "-" + s), new UserId("u" + u), new ItemId("item-" + (u + s) % 10),
                        BehaviorType.VIEW, start.plusSeconds(3_600L * u + 60L * s)));
            }
        }
        return events;
    }

    private static TrainingJob trained(LetheRuntime runtime, TenantId tenant, String family) throws InterruptedException {
        TrainModelUseCase training = runtime.get(TrainModelUseCase.class);
        TrainingJob job = training.start(new TrainModelCommand(tenant, family, Activation.ALWAYS));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!job.status().finished() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            job = training.job(tenant, job.id()).orElseThrow();
        }
        return job;
    }

    @ParameterizedTest
    @MethodSource("dev.lethe.bootstrap.ItDatabases#databases")
    void aVersionTrainedByTheKnnEngineServesThereAndIsRefusedByTheDjlEngineWithTheReason(String database) throws Exception {
        LetheConfig config = ItDatabases.config(database, dataDir, "swap-admin-key-" + System.nanoTime());
        TenantId tenant = new TenantId("swap" + Long.toString(System.nanoTime(), 36));
        int version;
        try (LetheRuntime knn = runtime(config, "knn")) {
            assertThat(knn.get(CreateTenantUseCase.class).create(new CreateTenantCommand(tenant, "Swap", TenantKind.VIDEO, Optional.of(key))))
                    .isInstanceOf(CreateTenantResult.Created.class);
            knn.get(IngestBehaviorsUseCase.class).ingest(new IngestBehaviorsCommand(tenant, walks()));
            assertThat(knn.get(TrainModelUseCase.class).families()).contains("seq-knn").doesNotContain("lstm");

            TrainingJob job = trained(knn, tenant, "seq-knn");

            assertThat(job.status()).as(job.error().orElse("")).isEqualTo(TrainingStatus.SUCCEEDED);
            version = job.modelVersion().orElseThrow();
            ModelVersion registered = knn.get(ManageModelsUseCase.class).active(tenant).orElseThrow();
            assertThat(registered.engine()).isEqualTo("knn");
            assertThat(registered.family()).isEqualTo("seq-knn");
            // u3 walked item-3 … item-0 last: the next step of every walk is item-1.
            Recommendations served = knn.get(RecommendUseCase.class).recommend(
                    new RecommendQuery(tenant, new UserId("u3"), 3, Set.of(), Optional.empty(), false));
            assertThat(served.model()).isEqualTo("seq-knn");
            assertThat(served.items()).extracting(Recommendations.Item::itemId).first().isEqualTo(new ItemId("item-1"));
            assertThat(knn.get(CheckServingUseCase.class).unservable()).noneMatch(problem -> problem.startsWith(tenant.value()));
        }

        try (LetheRuntime djl = runtime(config, "MXNet")) {
            HttpResponse<String> refused = http.send(djl.listen(), "POST", "/v1/models/" + version + "/activate", key, null);
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(refused.body()).contains("\"code\":\"version_not_servable\"").contains("\"field\":\"version\"")
                    .contains("trained by the knn engine");
            assertThatThrownBy(() -> djl.get(ManageModelsUseCase.class).activate(tenant, version))
                    .isInstanceOf(UnservableVersionException.class)
                    .hasMessageContaining("version " + version + " (family seq-knn) was trained by the knn engine")
                    .hasMessageContaining("model engine is mxnet");
            assertThat(djl.get(CheckServingUseCase.class).unservable()).anyMatch(problem -> problem.startsWith(tenant.value() + ": version " + version));
            assertThat(djl.get(RecommendUseCase.class).recommend(new RecommendQuery(tenant, new UserId("u3"), 3, Set.of(), Optional.empty(), false))
                    .model()).isEqualTo("decayed-pop");
        }

        try (LetheRuntime knnAgain = runtime(config, "knn")) {
            assertThat(knnAgain.get(ManageModelsUseCase.class).activate(tenant, version)).map(ModelVersion::engine).contains("knn");
        }
    }
}
