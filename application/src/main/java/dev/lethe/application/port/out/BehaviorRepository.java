package dev.lethe.application.port.out;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.tenant.TenantId;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The append-only event log, the source of truth everything else is derived from. Every method blocks
 * on I/O and throws {@link PersistenceException} when the store fails; nothing is half-written.
 */
public interface BehaviorRepository {

    /** The fate of one appended behaviour. */
    enum AppendOutcome { STORED, DUPLICATE }

    /**
     * Stores the behaviours idempotently by (tenant, event id), in one transaction: a retried batch
     * never duplicates. Returns one outcome per input, in input order; an event id repeated inside
     * the batch is stored once and reported DUPLICATE after its first occurrence.
     */
    List<AppendOutcome> append(TenantId tenantId, List<Behavior> behaviors);

    /** The user's last {@code limit} behaviours, oldest first. */
    List<Behavior> recentForUser(TenantId tenantId, UserId userId, int limit);

    /** Every item the user ever had a behaviour with. */
    Set<ItemId> consumedItems(TenantId tenantId, UserId userId);

    /** Streams the tenant's whole log in time order without holding it in memory. */
    void forEachInTimeOrder(TenantId tenantId, Consumer<Behavior> sink);

    /** Number of stored behaviours of the tenant. */
    long count(TenantId tenantId);

    /** Deletes every behaviour of the user; returns how many were deleted. */
    int eraseUser(TenantId tenantId, UserId userId);
}
