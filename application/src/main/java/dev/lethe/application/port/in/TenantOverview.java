package dev.lethe.application.port.in;

import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.tenant.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tenant's log as of a moment: how many behaviours, distinct users and items it holds, behaviours per
 * type, and behaviours per UTC day since {@code since} (every day listed, zero when nothing happened).
 */
public record TenantOverview(TenantId tenantId, Instant asOf, long behaviours, long users, long items, Map<BehaviorType, Long> perType,
                             LocalDate since, List<Day> perDay) {
    public TenantOverview {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(since, "since");
        perType = Map.copyOf(perType);
        perDay = List.copyOf(perDay);
    }

    /** The behaviours of one UTC day. */
    public record Day(LocalDate day, long behaviours) {
        public Day {
            Objects.requireNonNull(day, "day");
        }
    }
}
