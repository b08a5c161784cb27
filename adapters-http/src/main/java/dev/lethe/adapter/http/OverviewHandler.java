package dev.lethe.adapter.http;

import dev.lethe.application.port.in.GetTenantOverviewUseCase;
import dev.lethe.application.port.in.TenantOverview;
import dev.lethe.domain.tenant.Tenant;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /v1/overview}: what the caller's tenant holds (behaviours, users, items, per type and per
 * day) and the events this server rejected at ingestion, by reason, since it started.
 */
final class OverviewHandler {
    static final int DEFAULT_DAYS = 30;

    private final GetTenantOverviewUseCase overview;
    private final MeterRegistry metrics;
    private final Blocking blocking;
    private final Instant started;

    OverviewHandler(GetTenantOverviewUseCase overview, MeterRegistry metrics, Blocking blocking, Instant started) {
        this.overview = overview;
        this.metrics = metrics;
        this.blocking = blocking;
        this.started = started;
    }

    record DayResponse(LocalDate day, long behaviours) {}

    record RejectsResponse(Instant since, long total, Map<String, Long> byReason) {}

    record OverviewResponse(String tenantId, Instant asOf, long behaviours, long users, long items, Map<String, Long> perType, LocalDate since,
                            List<DayResponse> perDay, RejectsResponse rejects) {}

    void overview(RoutingContext ctx) {
        Tenant tenant = ApiKeyAuthHandler.tenant(ctx);
        int days = Params.integer(ctx, "days", DEFAULT_DAYS, 1, GetTenantOverviewUseCase.MAX_DAYS);
        blocking.run(ctx, () -> overview.overview(tenant.id(), days), (c, found) -> Blocking.json(c, 200, response(found, rejects(tenant))));
    }

    private RejectsResponse rejects(Tenant tenant) {
        Map<String, Long> byReason = new TreeMap<>();
        for (Counter counter : metrics.find(EventsHandler.REJECTED).tag("tenant", tenant.id().value()).counters()) {
            byReason.merge(counter.getId().getTag("code"), (long) counter.count(), Long::sum);
        }
        return new RejectsResponse(started, byReason.values().stream().mapToLong(Long::longValue).sum(), byReason);
    }

    private static OverviewResponse response(TenantOverview o, RejectsResponse rejects) {
        Map<String, Long> perType = new TreeMap<>();
        o.perType().forEach((type, n) -> perType.put(type.wireName(), n));
        return new OverviewResponse(o.tenantId().value(), o.asOf(), o.behaviours(), o.users(), o.items(), perType, o.since(),
                o.perDay().stream().map(d -> new DayResponse(d.day(), d.behaviours())).toList(), rejects);
    }
}
