package dev.lethe.adapter.http;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.lethe.application.port.in.AuthenticateTenantUseCase;
import dev.lethe.application.port.in.BrowseUsersUseCase;
import dev.lethe.application.port.in.CheckServingUseCase;
import dev.lethe.application.port.in.CreateTenantUseCase;
import dev.lethe.application.port.in.DeleteTenantUseCase;
import dev.lethe.application.port.in.EraseUserUseCase;
import dev.lethe.application.port.in.GetForgettingCurveUseCase;
import dev.lethe.application.port.in.GetInterestsUseCase;
import dev.lethe.application.port.in.GetTenantOverviewUseCase;
import dev.lethe.application.port.in.IngestBehaviorsUseCase;
import dev.lethe.application.port.in.ListTenantsUseCase;
import dev.lethe.application.port.in.ManageApiKeysUseCase;
import dev.lethe.application.port.in.ManageModelsUseCase;
import dev.lethe.application.port.in.RecommendUseCase;
import dev.lethe.application.port.in.TrainModelUseCase;
import dev.lethe.application.port.in.UpsertItemUseCase;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Provides the {@link LetheHttpServer} (not started) and its Prometheus registry. Needs bindings for
 * {@link HttpServerConfig}, {@link ReadinessCheck} and every in-port the API drives; listening happens
 * in {@link LetheHttpServer#start()}, called by bootstrap's lifecycle.
 */
public final class HttpModule extends AbstractModule {

    @Provides
    @Singleton
    PrometheusMeterRegistry meterRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        return registry;
    }

    @Provides
    @Singleton
    LetheHttpServer server(HttpServerConfig config, ReadinessCheck readiness, PrometheusMeterRegistry metrics,
                           CreateTenantUseCase createTenant, AuthenticateTenantUseCase authenticate, IngestBehaviorsUseCase ingest,
                           UpsertItemUseCase upsertItem, RecommendUseCase recommend, GetInterestsUseCase interests,
                           EraseUserUseCase eraseUser, TrainModelUseCase train, ManageModelsUseCase models,
                           GetForgettingCurveUseCase curves, CheckServingUseCase serving, ManageApiKeysUseCase apiKeys,
                           DeleteTenantUseCase deleteTenant, ListTenantsUseCase listTenants, GetTenantOverviewUseCase overview,
                           BrowseUsersUseCase browseUsers) {
        LetheApi api = new LetheApi(createTenant, authenticate, ingest, upsertItem, recommend, interests, eraseUser, train, models, curves, serving,
                apiKeys, deleteTenant, listTenants, overview, browseUsers);
        return new LetheHttpServer(config, api, readiness, metrics);
    }
}
