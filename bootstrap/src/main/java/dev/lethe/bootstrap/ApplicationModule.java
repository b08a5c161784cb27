package dev.lethe.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.lethe.application.port.in.BrowseUsersUseCase;
import dev.lethe.application.port.in.GetTenantOverviewUseCase;
import dev.lethe.application.port.in.ListTenantsUseCase;
import dev.lethe.application.port.in.AuthenticateTenantUseCase;
import dev.lethe.application.port.in.CheckServingUseCase;
import dev.lethe.application.port.in.CreateTenantUseCase;
import dev.lethe.application.port.in.DeleteTenantUseCase;
import dev.lethe.application.port.in.EraseUserUseCase;
import dev.lethe.application.port.in.GetForgettingCurveUseCase;
import dev.lethe.application.port.in.GetInterestsUseCase;
import dev.lethe.application.port.in.ImportHistoryUseCase;
import dev.lethe.application.port.in.IngestBehaviorsUseCase;
import dev.lethe.application.port.in.ManageApiKeysUseCase;
import dev.lethe.application.port.in.ManageModelsUseCase;
import dev.lethe.application.port.in.RecommendUseCase;
import dev.lethe.application.port.in.TrainModelUseCase;
import dev.lethe.application.port.in.UpsertItemUseCase;
import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.ForgettingCurveRepository;
import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.application.port.out.ModelEnginePort;
import dev.lethe.application.port.out.ModelRegistry;
import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.application.port.out.TrainingJobRepository;
import dev.lethe.application.service.overview.GetTenantOverviewService;
import dev.lethe.application.service.tenant.ListTenantsService;
import dev.lethe.application.service.timeline.BrowseUsersService;
import dev.lethe.application.service.erase.EraseUserService;
import dev.lethe.application.service.forgetting.FitForgettingCurvesService;
import dev.lethe.application.service.forgetting.GetForgettingCurveService;
import dev.lethe.application.service.ingest.ImportHistoryService;
import dev.lethe.domain.forgetting.ExponentialCurve;
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
import dev.lethe.bootstrap.config.LetheConfig;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the application services from the out-ports the adapter modules bind. The model engine is
 * optional: {@code Main} installs an engine module or {@link NoEngineModule}.
 */
public final class ApplicationModule extends AbstractModule {
    private final LetheConfig config;
    private final Clock clock;

    public ApplicationModule(LetheConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    protected void configure() {
        bind(LetheConfig.class).toInstance(config);
        bind(Clock.class).toInstance(clock);
    }

    /** Binds no model engine: only the Java model families are trainable. */
    public static final class NoEngineModule extends AbstractModule {
        @Provides
        @Singleton
        Optional<ModelEnginePort> engine() {
            return Optional.empty();
        }
    }

    @Provides
    @Singleton
    ServingModels servingModels(BehaviorRepository behaviors, ItemRepository items, TenantRepository tenants,
            ForgettingCurveRepository curves, ModelRegistry registry, Optional<ModelEnginePort> engine) {
        return new ServingModels(behaviors, items, tenants, curves, registry, engine, clock);
    }

    @Provides
    @Singleton
    CheckServingUseCase checkServing(ServingModels serving) {
        return serving;
    }

    @Provides
    @Singleton
    IngestBehaviorsUseCase ingest(BehaviorRepository behaviors, ServingModels serving) {
        return new IngestBehaviorsService(behaviors, clock, serving::eventsArrived);
    }

    @Provides
    @Singleton
    ImportHistoryUseCase importHistory(TenantRepository tenants, IngestBehaviorsUseCase ingest, ItemRepository items, ServingModels serving) {
        return new ImportHistoryService(tenants, ingest, items, serving::invalidate);
    }

    @Provides
    @Singleton
    RecommendUseCase recommend(BehaviorRepository behaviors, ItemRepository items, ServingModels serving) {
        return new RecommendService(behaviors, items, serving, clock);
    }

    @Provides
    @Singleton
    UpsertItemUseCase upsertItem(ItemRepository items, ServingModels serving, Clock clock) {
        return new UpsertItemService(items, serving::itemStored, clock);
    }

    @Provides
    @Singleton
    CreateTenantUseCase createTenant(TenantRepository tenants) {
        return new CreateTenantService(tenants, new SecureRandom(), clock);
    }

    @Provides
    @Singleton
    ManageApiKeysUseCase apiKeys(TenantRepository tenants) {
        return new ManageApiKeysService(tenants, new SecureRandom(), clock);
    }

    @Provides
    @Singleton
    DeleteTenantUseCase deleteTenant(TenantRepository tenants, ServingModels serving) {
        return new DeleteTenantService(tenants, config.artifactDir(), serving::forget);
    }

    @Provides
    @Singleton
    ListTenantsUseCase listTenants(TenantRepository tenants) {
        return new ListTenantsService(tenants);
    }

    @Provides
    @Singleton
    GetTenantOverviewUseCase overview(BehaviorRepository behaviors) {
        return new GetTenantOverviewService(behaviors, clock);
    }

    @Provides
    @Singleton
    BrowseUsersUseCase browseUsers(BehaviorRepository behaviors, ItemRepository items, ServingModels serving) {
        return new BrowseUsersService(behaviors, items, serving, clock);
    }

    @Provides
    @Singleton
    AuthenticateTenantUseCase authenticate(TenantRepository tenants) {
        return new AuthenticateTenantService(tenants);
    }

    @Provides
    @Singleton
    GetInterestsUseCase interests(BehaviorRepository behaviors, ItemRepository items, ServingModels serving) {
        return new GetInterestsService(behaviors, items, serving, clock);
    }

    @Provides
    @Singleton
    EraseUserUseCase eraseUser(BehaviorRepository behaviors, ServingModels serving) {
        return new EraseUserService(behaviors, serving::invalidate);
    }

    @Provides
    @Singleton
    ManageModelsUseCase manageModels(ModelRegistry registry, ServingModels serving) {
        return new ManageModelsService(registry, serving::invalidate, serving::whyNotServable);
    }

    @Provides
    @Singleton
    GetForgettingCurveUseCase forgettingCurve(ForgettingCurveRepository curves, ServingModels serving) {
        return new GetForgettingCurveService(curves, serving);
    }

    @Provides
    @Singleton
    FitForgettingCurvesService curveFitting(ForgettingCurveRepository curves, TenantRepository tenants) {
        return new FitForgettingCurvesService(curves, tenant -> ExponentialCurve.ofDays(
                tenants.find(tenant).map(t -> t.kind().defaultHalfLifeDays()).orElse(30.0)), clock);
    }

    @Provides
    @Singleton
    TrainModelService trainModelService(BehaviorRepository behaviors, ItemRepository items, ModelRegistry registry, TrainingJobRepository jobs,
            ServingModels serving, Optional<ModelEnginePort> engine, FitForgettingCurvesService curveFitting) {
        return new TrainModelService(behaviors, items, registry, jobs, serving, engine, config.artifactDir(), clock, Optional.of(curveFitting));
    }

    @Provides
    @Singleton
    TrainModelUseCase train(TrainModelService service) {
        return service;
    }

    /**
     * This process's training worker, on its own threads so training never starves request handling. Its
     * owner name (host, pid, a random suffix) tells operators which process holds a job's lease; the suffix
     * keeps two processes apart even when pids repeat across containers.
     */
    @Provides
    @Singleton
    TrainingWorker trainingWorker(TrainModelService service, TrainingJobRepository jobs) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        String owner = (host.replaceAll("[^A-Za-z0-9.-]", "_") + ":" + ProcessHandle.current().pid() + ":"
                + java.util.UUID.randomUUID().toString().substring(0, 8));
        AtomicInteger n = new AtomicInteger();
        return new TrainingWorker(service, jobs, owner.length() > 200 ? owner.substring(owner.length() - 200) : owner, config.trainingJobs(), clock, r -> {
            Thread t = new Thread(r, "lethe-training-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
