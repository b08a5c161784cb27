package dev.lethe.application.port.in;

import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.tenant.TenantId;
import java.util.List;

/** Finds a tenant's users and shows one user's behaviours with their interests fading between them. Blocks on the store. */
public interface BrowseUsersUseCase {
    /** The most user ids {@link #find} returns. */
    int MAX_USERS = 100;

    /** Up to {@code limit} (1 to {@link #MAX_USERS}) ids of the tenant's users starting with {@code prefix}, in id order. */
    List<UserId> find(TenantId tenantId, String prefix, int limit);

    /** The user's recent behaviours and the strength of their strongest interests over that time. */
    UserTimeline timeline(TimelineQuery query);
}
