package dev.lethe.application.service.overview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.lethe.application.port.in.TenantOverview;
import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.BehaviorRepository.DayCount;
import dev.lethe.application.port.out.BehaviorRepository.LogSummary;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetTenantOverviewServiceTest {
    private static final TenantId TENANT = new TenantId("shop");
    private final BehaviorRepository behaviors = mock(BehaviorRepository.class);
    private final GetTenantOverviewService service =
            new GetTenantOverviewService(behaviors, Clock.fixed(Instant.parse("2026-06-10T15:00:00Z"), ZoneOffset.UTC));

    @Test
    void everyDayOfTheWindowIsListedWithZerosWhereNothingHappened() {
        when(behaviors.summarize(TENANT, Instant.parse("2026-06-08T00:00:00Z"))).thenReturn(new LogSummary(7, 2, 3,
                Map.of(BehaviorType.VIEW, 7L), List.of(new DayCount(LocalDate.parse("2026-06-08"), 4), new DayCount(LocalDate.parse("2026-06-10"), 3))));

        TenantOverview overview = service.overview(TENANT, 3);

        assertThat(overview.since()).isEqualTo(LocalDate.parse("2026-06-08"));
        assertThat(overview.perDay()).containsExactly(new TenantOverview.Day(LocalDate.parse("2026-06-08"), 4),
                new TenantOverview.Day(LocalDate.parse("2026-06-09"), 0), new TenantOverview.Day(LocalDate.parse("2026-06-10"), 3));
        assertThat(overview.behaviours()).isEqualTo(7);
        assertThat(overview.users()).isEqualTo(2);
    }

    @Test
    void aWindowOutOfRangeIsRefusedNamingDays() {
        assertThatThrownBy(() -> service.overview(TENANT, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("days must be");
    }
}
