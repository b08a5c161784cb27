package dev.lethe.application.service.overview;

import dev.lethe.application.port.in.GetTenantOverviewUseCase;
import dev.lethe.application.port.in.TenantOverview;
import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.BehaviorRepository.DayCount;
import dev.lethe.application.port.out.BehaviorRepository.LogSummary;
import dev.lethe.domain.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Summarises the tenant's log and fills the days on which nothing happened with zeros, so a chart shows gaps as gaps. */
public final class GetTenantOverviewService implements GetTenantOverviewUseCase {
    private final BehaviorRepository behaviors;
    private final Clock clock;

    public GetTenantOverviewService(BehaviorRepository behaviors, Clock clock) {
        this.behaviors = behaviors;
        this.clock = clock;
    }

    @Override
    public TenantOverview overview(TenantId tenantId, int days) {
        Objects.requireNonNull(tenantId, "tenantId");
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be between 1 and " + MAX_DAYS + ", got: " + days);
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = today.minusDays(days - 1L);
        LogSummary summary = behaviors.summarize(tenantId, first.atStartOfDay(ZoneOffset.UTC).toInstant());
        Map<LocalDate, Long> counted = new HashMap<>();
        for (DayCount day : summary.perDay()) {
            counted.put(day.day(), day.behaviours());
        }
        List<TenantOverview.Day> perDay = new ArrayList<>(days);
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            perDay.add(new TenantOverview.Day(day, counted.getOrDefault(day, 0L)));
        }
        return new TenantOverview(tenantId, now, summary.behaviours(), summary.users(), summary.items(), summary.perType(), first, perDay);
    }
}
