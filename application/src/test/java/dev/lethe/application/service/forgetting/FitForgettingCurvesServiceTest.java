package dev.lethe.application.service.forgetting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.lethe.application.port.out.ForgettingCurveRepository;
import dev.lethe.application.port.out.ForgettingCurveRepository.StoredCurve;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.ForgettingCurveFitter;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.synthetic.SyntheticGenerator;
import dev.lethe.domain.synthetic.SyntheticTenant;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.tenant.TenantKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class FitForgettingCurvesServiceTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final TenantId TENANT = new TenantId("tube");

    private final ForgettingCurveRepository repository = mock(ForgettingCurveRepository.class);
    private final FitForgettingCurvesService service = new FitForgettingCurvesService(repository, new ForgettingCurveFitter(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void storesTheTenantCurveFittedOnTheLogsCategories() {
        SyntheticTenant tenant = new SyntheticGenerator(TenantKind.VIDEO, 60, 5, NOW, Duration.ofDays(180)).generate();
        Map<ItemId, Set<String>> categories = new HashMap<>();
        for (Item item : tenant.items()) {
            categories.put(item.id(), item.categories());
        }

        assertThat(service.fit(TENANT, tenant.behaviors(), categories)).isPresent();

        ArgumentCaptor<StoredCurve> saved = ArgumentCaptor.forClass(StoredCurve.class);
        verify(repository, org.mockito.Mockito.atLeastOnce()).save(eq(TENANT), saved.capture());
        StoredCurve tenantCurve = saved.getAllValues().stream().filter(c -> c.scope().equals("tenant")).findFirst().orElseThrow();
        assertThat(tenantCurve.fittedAt()).isEqualTo(NOW);
        assertThat(tenantCurve.statistics()).containsKey("level.category");
        assertThat(tenantCurve.curve().halfLifeSeconds()).isPositive();
    }

    @Test
    void storesNothingWhenNobodyEverCameBack() {
        List<Behavior> log = List.of(
                Behavior.of(new EventId("a"), new UserId("u"), new ItemId("x"), BehaviorType.VIEW, NOW.minusSeconds(100)),
                Behavior.of(new EventId("b"), new UserId("v"), new ItemId("y"), BehaviorType.VIEW, NOW.minusSeconds(50)));

        assertThat(service.fit(TENANT, log, Map.of())).isEmpty();
        verify(repository, never()).save(any(), any());
    }
}
