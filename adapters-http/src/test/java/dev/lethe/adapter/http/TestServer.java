package dev.lethe.adapter.http;

import dev.lethe.application.port.out.ModelEnginePort;
import dev.lethe.application.service.overview.GetTenantOverviewService;
import dev.lethe.application.service.tenant.ListTenantsService;
import dev.lethe.application.service.timeline.BrowseUsersService;
import dev.lethe.application.service.erase.EraseUserService;
import dev.lethe.application.service.forgetting.GetForgettingCurveService;
import dev.lethe.application.service.ingest.IngestBehaviorsService;
import dev.lethe.application.service.interest.GetInterestsService;
import dev.lethe.application.service.item.UpsertItemService;
import dev.lethe.application.service.model.ManageModelsService;
import dev.lethe.application.service.recommend.RecommendService;
import dev.lethe.application.service.serving.ServingModels;
import dev.lethe.application.service.tenant.AuthenticateTenantService;
import dev.lethe.application.service.tenant.CreateTenantService;
import dev.lethe.application.service.tenant.DeleteTenantService;
import dev.lethe.application.service.tenant.ManageApiKeysService;
import dev.lethe.application.service.training.TrainModelService;
import dev.lethe.application.service.training.TrainingWorker;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** The real API, services and server over in-memory stores, listening on a random port. */
final class TestServer implements AutoCloseable {
    static final String ADMIN_KEY = "admin-key-for-tests-0123456789";

    final InMemoryStores.Behaviors behaviors = new InMemoryStores.Behaviors();
    final InMemoryStores.Items items = new InMemoryStores.Items();
    final InMemoryStores.Tenants tenants = new InMemoryStores.Tenants();
    final InMemoryStores.Registry registry = new InMemoryStores.Registry();
    final InMemoryStores.Jobs jobs = new InMemoryStores.Jobs();
    final InMemoryStores.Curves curves = new InMemoryStores.Curves();
    final AtomicBoolean databaseUp = new AtomicBoolean(true);
    /** While set, the readiness check blocks as a check on a paused database would (until cleared, at most a minute). */
    final AtomicBoolean databaseHangs = new AtomicBoolean();
    final ServingModels serving;
    final LetheHttpServer server;
    final int port;
    private final TrainingWorker training;

    TestServer(Path artifactDirectory, Optional<ModelEnginePort> engine, int port, int workers) {
        Clock clock = Clock.systemUTC();
        serving = new ServingModels(behaviors, items, tenants, curves, registry, engine, clock);
        TrainModelService trainer = new TrainModelService(behaviors, items, registry, jobs, serving, engine, artifactDirectory, clock);
        training = new TrainingWorker(trainer, jobs, "test-server", TrainingWorker.Settings.DEFAULTS, clock, r -> {
            Thread t = new Thread(r, "lethe-training");
            t.setDaemon(true);
            return t;
        });
        training.start();
        LetheApi api = new LetheApi(
                new CreateTenantService(tenants, new SecureRandom(), clock),
                new AuthenticateTenantService(tenants),
                new IngestBehaviorsService(behaviors, clock, serving::eventsArrived),
                new UpsertItemService(items, serving::itemStored, clock),
                new RecommendService(behaviors, items, serving, clock),
                new GetInterestsService(behaviors, items, serving, clock),
                new EraseUserService(behaviors, serving::invalidate),
                trainer,
                new ManageModelsService(registry, serving::invalidate),
                new GetForgettingCurveService(curves, serving),
                serving,
                new ManageApiKeysService(tenants, new SecureRandom(), clock),
                new DeleteTenantService(tenants, artifactDirectory, serving::forget),
                new ListTenantsService(tenants),
                new GetTenantOverviewService(behaviors, clock),
                new BrowseUsersService(behaviors, items, serving, clock));
        HttpServerConfig config = new HttpServerConfig("127.0.0.1", port, ADMIN_KEY, 1024 * 1024, workers, artifactDirectory);
        server = new LetheHttpServer(config, api, this::databaseReady, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        this.port = server.start();
    }

    private boolean databaseReady() {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (databaseHangs.get() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return databaseUp.get();
    }

    static TestServer start(Path artifactDirectory, Optional<ModelEnginePort> engine) {
        return new TestServer(artifactDirectory, engine, 0, 8);
    }

    @Override
    public void close() {
        server.close();
        training.close();
    }
}
