package dev.lethe.application.service.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.ForgettingCurveRepository;
import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.application.port.out.ModelEnginePort;
import dev.lethe.application.port.out.ModelRegistry;
import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.registry.ModelVersion;
import dev.lethe.domain.tenant.Tenant;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.tenant.TenantKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class ServingModelsTest {
    private static final TenantId TENANT = new TenantId("shop");

    @Mock
    BehaviorRepository behaviors;
    @Mock
    ItemRepository items;
    @Mock
    TenantRepository tenants;
    @Mock
    ForgettingCurveRepository curves;
    @Mock
    ModelRegistry registry;
    @Mock
    ModelEnginePort engine;

    @BeforeEach
    void tenant() {
        lenient().when(tenants.find(TENANT)).thenReturn(Optional.of(new Tenant(TENANT, "Shop", TenantKind.ECOMMERCE, Instant.EPOCH)));
        lenient().when(tenants.list()).thenReturn(List.of(new Tenant(TENANT, "Shop", TenantKind.ECOMMERCE, Instant.EPOCH)));
        lenient().when(curves.find(any(), any())).thenReturn(Optional.empty());
        lenient().when(engine.families()).thenReturn(Set.of("lstm"));
    }

    private ServingModels models() {
        return new ServingModels(behaviors, items, tenants, curves, registry, Optional.of(engine));
    }

    private static ModelVersion version(int number, String family) {
        return new ModelVersion(TENANT, number, family, "mxnet", Map.of(), "/artifacts/shop/v" + number, true, Instant.EPOCH);
    }

    @Test
    void withoutAnActiveVersionDecayedPopularityServes() {
        when(registry.active(TENANT)).thenReturn(Optional.empty());

        ServingModels.Served served = models().forTenant(TENANT);

        assertThat(served.model().name()).isEqualTo("decayed-pop");
        assertThat(served.version()).isEmpty();
    }

    @Test
    void theActiveFileBackedVersionIsLoadedOnceAcrossInvalidations() {
        Recommender lstm = mock(Recommender.class);
        when(registry.active(TENANT)).thenReturn(Optional.of(version(4, "lstm")));
        when(engine.load("lstm", Path.of("/artifacts/shop/v4"))).thenReturn(lstm);
        ServingModels models = models();

        assertThat(models.forTenant(TENANT).model()).isSameAs(lstm);
        models.invalidate(TENANT);
        assertThat(models.forTenant(TENANT).model()).isSameAs(lstm);

        verify(engine, times(1)).load(eq("lstm"), any());
    }

    @Test
    void anUnloadableVersionFallsBackToPopularityAndMakesTheTenantUnservable() {
        when(registry.active(TENANT)).thenReturn(Optional.of(version(4, "lstm")));
        when(engine.load(eq("lstm"), any())).thenThrow(new ModelEnginePort.ModelEngineException("corrupt", null));
        ServingModels models = models();

        assertThat(models.forTenant(TENANT).model().name()).isEqualTo("decayed-pop");
        assertThat(models.unservable()).singleElement().asString().contains("shop").contains("corrupt");
    }

    @Test
    void anActiveJavaVersionIsRefittedOnTheLog() {
        when(registry.active(TENANT)).thenReturn(Optional.of(version(2, "pop")));

        ServingModels.Served served = models().forTenant(TENANT);

        assertThat(served.model().name()).isEqualTo("pop");
        assertThat(served.version()).map(ModelVersion::version).contains(2);
    }

    @Test
    void newEventsRebuildAtMostOncePerRefreshIntervalWhileErasureRebuildsAtOnce() {
        when(registry.active(TENANT)).thenReturn(Optional.empty());
        java.util.concurrent.atomic.AtomicLong millis = new java.util.concurrent.atomic.AtomicLong(0);
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis.get());
            }
        };
        ServingModels models = new ServingModels(behaviors, items, tenants, curves, registry, Optional.of(engine), clock, java.time.Duration.ofSeconds(5));
        ServingModels.Served first = models.forTenant(TENANT);

        models.eventsArrived(TENANT);
        millis.set(4_000);
        assertThat(models.forTenant(TENANT)).isSameAs(first);
        millis.set(5_000);
        ServingModels.Served second = models.forTenant(TENANT);
        assertThat(second).isNotSameAs(first);
        assertThat(models.forTenant(TENANT)).isSameAs(second);

        models.invalidate(TENANT);
        assertThat(models.forTenant(TENANT)).isNotSameAs(second);
        verify(behaviors, times(3)).forEachInTimeOrder(eq(TENANT), any());
    }

    @Test
    void aUserCurveTakesPrecedenceOverTheTenantDefault() {
        ForgettingCurveRepository.StoredCurve mine = new ForgettingCurveRepository.StoredCurve("user:u1",
                dev.lethe.domain.forgetting.ExponentialCurve.ofDays(3), Map.of(), Instant.EPOCH);
        when(curves.find(TENANT, "user:u1")).thenReturn(Optional.of(mine));

        assertThat(models().curveFor(TENANT, new dev.lethe.domain.behavior.UserId("u1")))
                .isEqualTo(new ServingModels.CurveInForce(mine.curve(), "user:u1"));
        assertThat(models().curveFor(TENANT, new dev.lethe.domain.behavior.UserId("u2")).scope()).isEqualTo("default");
    }
}
