package dev.lethe.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.lethe.application.port.in.AuthenticateTenantUseCase;
import dev.lethe.application.port.in.CheckServingUseCase;
import dev.lethe.application.port.in.CreateTenantUseCase;
import dev.lethe.application.port.in.EraseUserUseCase;
import dev.lethe.application.port.in.GetForgettingCurveUseCase;
import dev.lethe.application.port.in.GetInterestsUseCase;
import dev.lethe.application.port.in.ImportHistoryUseCase;
import dev.lethe.application.port.in.IngestBehaviorsUseCase;
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
import dev.lethe.application.service.training.TrainModelService;
import dev.lethe.bootstrap.config.LetheConfig;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the application services from the out-ports the adapter modules bind. The model engine is
 * optional: {@code Main} installs an engine module or {@link NoEngineModule}.
 */
public final class ApplicationModule extends AbstractModule {
    /**
     * How stale the tenant-wide models may get while events stream in: rebuilding them per batch would
     * re-read the log on every request. Users' own histories are always read fresh.
     */
    static final java.time.Duration SERVING_REFRESH = java.time.Duration.ofSeconds(5);

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
        return new ServingModels(behaviors, items, tenants, curves, registry, engine, clock, SERVING_REFRESH);
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
    UpsertItemUseCase upsertItem(ItemRepository items, ServingModels serving) {
        return new UpsertItemService(items, serving::invalidate);
    }

    @Provides
    @Singleton
    CreateTenantUseCase createTenant(TenantRepository tenants) {
        return new CreateTenantService(tenants, new SecureRandom(), clock);
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
        return new ManageModelsService(registry, serving::invalidate);
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

    /** Training runs on its own small pool so it never starves request handling. */
    @Provides
    @Singleton
    @TrainingPool
    ExecutorService trainingPool() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(1, r -> {
            Thread t = new Thread(r, "lethe-training-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Provides
    @Singleton
    TrainModelUseCase train(BehaviorRepository behaviors, ItemRepository items, ModelRegistry registry, TrainingJobRepository jobs,
            ServingModels serving, Optional<ModelEnginePort> engine, @TrainingPool ExecutorService pool, FitForgettingCurvesService curveFitting) {
        return new TrainModelService(behaviors, items, registry, jobs, serving, engine, config.artifactDir(), pool, clock,
                Optional.of(curveFitting));
    }

    /** Marks the executor that runs training jobs. */
    @jakarta.inject.Qualifier
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target({java.lang.annotation.ElementType.METHOD, java.lang.annotation.ElementType.PARAMETER})
    public @interface TrainingPool {}
}
