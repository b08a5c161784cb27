package dev.lethe.application.port.in;

import dev.lethe.domain.tenant.TenantId;

/** What a tenant's log holds, for its console: counts, behaviours per type and per day. Blocks on the store. */
public interface GetTenantOverviewUseCase {
    /** The most days a per-day count covers. */
    int MAX_DAYS = 3660;

    /** The tenant's overview as of now, with per-day counts for the last {@code days} days (1 to {@link #MAX_DAYS}). */
    TenantOverview overview(TenantId tenantId, int days);
}
