package dev.lethe.application.port.out;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.tenant.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
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

    /** The user's last {@code limit} behaviours at or before {@code upTo}, oldest first: the history as it stood then. */
    List<Behavior> recentForUser(TenantId tenantId, UserId userId, Instant upTo, int limit);

    /** Up to {@code limit} ids of the tenant's users that start with {@code prefix} (empty: any), in id order. */
    List<UserId> usersStartingWith(TenantId tenantId, String prefix, int limit);

    /**
     * What the tenant's log holds: behaviours, distinct users and items, behaviours per type, and
     * behaviours per UTC day from {@code since} on (days without any are left out).
     */
    LogSummary summarize(TenantId tenantId, Instant since);

    /** Counts over a tenant's log; see {@link #summarize}. */
    record LogSummary(long behaviours, long users, long items, Map<BehaviorType, Long> perType, List<DayCount> perDay) {
        public LogSummary {
            perType = Map.copyOf(perType);
            perDay = List.copyOf(perDay);
        }
    }

    /** The behaviours that occurred on one UTC day. */
    record DayCount(LocalDate day, long behaviours) {
        public DayCount {
            Objects.requireNonNull(day, "day");
        }
    }

    /** Every item the user ever had a behaviour with. */
    Set<ItemId> consumedItems(TenantId tenantId, UserId userId);

    /** The earliest moment a stored behaviour may have (the start of MySQL's DATETIME range). */
    Instant BEGINNING = Instant.parse("1000-01-01T00:00:00Z");

    /** Streams the tenant's whole log in time order without holding it in memory. */
    default void forEachInTimeOrder(TenantId tenantId, Consumer<Behavior> sink) {
        forEachInTimeOrder(tenantId, BEGINNING, Long.MAX_VALUE, sink);
    }

    /**
     * Streams, in time order, the tenant's behaviours at or after {@code since} stored with a sequence
     * number of at most {@code upToSequence} (see {@link #latestSequence}): what a training job reads, a
     * window of the log, so that the serving feed can take over exactly after it.
     *
     * <p>Sequence numbers are given out before commit, so a transaction with a lower number may commit
     * after the read (or after {@code upToSequence} was read) and its rows would belong neither to the
     * window nor to what comes after {@code upToSequence}. The answer names them: the numbers among the
     * {@value #UNSEEN_LOOKBACK} up to {@code upToSequence} that the read delivered no row for and that
     * hold no row outside the window (another tenant's, or older than {@code since}) — numbers of
     * transactions still in flight, rolled back, or of deleted rows; at most {@value #MAX_UNSEEN}, the
     * highest. Whoever continues after {@code upToSequence} reads these too ({@link #storedAmong}).
     * Empty when {@code upToSequence} is {@link Long#MAX_VALUE}.
     */
    SortedSet<Long> forEachInTimeOrder(TenantId tenantId, Instant since, long upToSequence, Consumer<Behavior> sink);

    /** How far below the watermark a window read looks for sequence numbers it did not see. */
    int UNSEEN_LOOKBACK = 10_000;
    /** At most this many unseen sequence numbers are reported. */
    int MAX_UNSEEN = 1_000;

    /** The tenant's stored behaviours whose sequence number is among {@code sequences}, ascending by sequence number. */
    List<Stored> storedAmong(TenantId tenantId, Collection<Long> sequences);

    /** The moment of the tenant's {@code n}-th newest behaviour (1 = the newest); empty when it has fewer. */
    Optional<Instant> momentOfNewest(TenantId tenantId, long n);

    /**
     * The sequence number just below the tenant's {@code n} newest stored behaviours (by sequence number):
     * reading the tenant's rows above it reads those {@code n}; 0 when the tenant has at most {@code n}.
     */
    long sequenceBelowNewest(TenantId tenantId, long n);

    /**
     * One stored behaviour as the serving feed sees it: its store-wide sequence number (ascending in
     * insertion order, with gaps; a transaction may commit after one with a higher number), tenant,
     * item and moment.
     */
    record Stored(long sequence, TenantId tenantId, ItemId itemId, Instant occurredAt) {}

    /** The highest sequence number stored so far, of any tenant; 0 when the store is empty. */
    long latestSequence();

    /**
     * Behaviours of every tenant whose sequence number is above {@code afterSequence} or among
     * {@code alsoSequences} (numbers the caller saw skipped, which may still commit), ascending by
     * sequence number, at most {@code limit}.
     */
    List<Stored> storedAfter(long afterSequence, Collection<Long> alsoSequences, int limit);

    /** The tenant's behaviours with {@code afterSequence < sequence <= upToSequence}, ascending by sequence number. */
    void forEachStored(TenantId tenantId, long afterSequence, long upToSequence, Consumer<Stored> sink);

    /** Number of stored behaviours of the tenant. */
    long count(TenantId tenantId);

    /**
     * Deletes every behaviour of the user and the forgetting curve fitted on that user alone (scope
     * {@code user:<id>}), which is derived from nothing else; returns how many behaviours were deleted.
     */
    int eraseUser(TenantId tenantId, UserId userId);
}
