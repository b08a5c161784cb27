package dev.lethe.application.port.out.contract;

import static dev.lethe.application.port.out.contract.ContractData.T0;
import static dev.lethe.application.port.out.contract.ContractData.rated;
import static dev.lethe.application.port.out.contract.ContractData.view;
import static dev.lethe.application.port.out.contract.ContractData.views;
import static dev.lethe.application.port.out.BehaviorRepository.AppendOutcome.DUPLICATE;
import static dev.lethe.application.port.out.BehaviorRepository.AppendOutcome.STORED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.BehaviorRepository.AppendOutcome;
import dev.lethe.application.port.out.ForgettingCurveRepository;
import dev.lethe.application.port.out.ForgettingCurveRepository.StoredCurve;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BehaviorRepository} must do: idempotent append by (tenant, event id), outcomes in input
 * order, reads in time order, tenant isolation, the serving feed by sequence number, user erasure. Extend
 * it and return your implementation to run it (docs/extending.md).
 */
public abstract class BehaviorRepositoryContract {
    /** Thirty days after the behaviours start: what the repository is told "now" is. */
    protected final Clock clock = Clock.fixed(T0.plus(Duration.ofDays(30)), ZoneOffset.UTC);
    private final TenantId tenant = ContractData.freshTenant();

    /**
     * The implementation under test, over one store shared by every test (each works in tenants of its own);
     * {@code clock} is the moment stores may record as the receipt time.
     */
    protected abstract BehaviorRepository behaviors(Clock clock);

    /** The forgetting curves of the same store: erasing a user also erases the curve fitted on that user alone. */
    protected abstract ForgettingCurveRepository curves();

    private BehaviorRepository repository() {
        return behaviors(clock);
    }

    @Test
    void appendStoresEveryNewBehaviourAndReportsItStored() {
        List<AppendOutcome> outcomes = repository().append(tenant, views("e", "u1", 3));

        assertThat(outcomes).containsExactly(STORED, STORED, STORED);
        assertThat(repository().count(tenant)).isEqualTo(3);
    }

    @Test
    void emptyBatchStoresNothing() {
        assertThat(repository().append(tenant, List.of())).isEmpty();
        assertThat(repository().count(tenant)).isZero();
    }

    @Test
    void retriedBatchStoresNothingTwiceAndReportsEveryEventDuplicate() {
        List<Behavior> batch = views("e", "u1", 5);
        repository().append(tenant, batch);

        List<AppendOutcome> retry = repository().append(tenant, batch);

        assertThat(retry).containsOnly(DUPLICATE).hasSize(5);
        assertThat(repository().count(tenant)).isEqualTo(5);
    }

    @Test
    void eventIdRepeatedInsideOneBatchIsStoredOnceAndReportedDuplicateAfterItsFirstOccurrence() {
        Behavior first = view("e-1", "u1", "a", T0);
        Behavior other = view("e-2", "u1", "b", T0.plusSeconds(1));
        Behavior repeat = view("e-1", "u1", "c", T0.plusSeconds(2));

        List<AppendOutcome> outcomes = repository().append(tenant, List.of(first, other, repeat, repeat));

        assertThat(outcomes).containsExactly(STORED, STORED, DUPLICATE, DUPLICATE);
        assertThat(repository().recentForUser(tenant, new UserId("u1"), 10)).containsExactly(first, other);
    }

    @Test
    void partlyKnownBatchStoresOnlyTheNewEventsAndReportsOutcomesInInputOrder() {
        repository().append(tenant, List.of(view("e-2", "u1", "a", T0), view("e-4", "u1", "a", T0)));
        List<Behavior> batch = List.of(view("e-1", "u1", "a", T0), view("e-2", "u1", "a", T0), view("e-3", "u1", "a", T0),
                view("e-4", "u1", "a", T0), view("e-5", "u1", "a", T0));

        assertThat(repository().append(tenant, batch)).containsExactly(STORED, DUPLICATE, STORED, DUPLICATE, STORED);
        assertThat(repository().count(tenant)).isEqualTo(5);
    }

    @Test
    void batchesLargerThanOneStatementAreStoredWhole() {
        List<Behavior> batch = new ArrayList<>(views("e", "u1", 2_500));
        repository().append(tenant, batch.subList(900, 1_100));

        List<AppendOutcome> outcomes = repository().append(tenant, batch);

        assertThat(outcomes.subList(900, 1_100)).containsOnly(DUPLICATE);
        assertThat(outcomes.subList(0, 900)).containsOnly(STORED);
        assertThat(outcomes.subList(1_100, 2_500)).containsOnly(STORED);
        assertThat(repository().count(tenant)).isEqualTo(2_500);
    }

    @Test
    void eventIdsDifferingOnlyInCaseAreDifferentEvents() {
        List<AppendOutcome> outcomes = repository().append(tenant, List.of(view("Ev-1", "u1", "a", T0), view("ev-1", "u1", "a", T0)));

        assertThat(outcomes).containsExactly(STORED, STORED);
    }

    @Test
    void behaviourReadsBackWithTypeValueDwellAndMicrosecondTime() {
        Behavior rating = rated("e-1", "u.1@x", "item:9", T0.plusNanos(123_456_000), 4.5, Duration.ofMillis(1_234));
        Behavior view = view("e-2", "u.1@x", "item:7", T0.plusSeconds(1));
        repository().append(tenant, List.of(rating, view));

        assertThat(repository().recentForUser(tenant, new UserId("u.1@x"), 2)).containsExactly(rating, view);
    }

    @Test
    void concurrentAppendsOfOverlappingBatchesStoreEachEventExactlyOnce() throws Exception {
        List<Behavior> batch = views("e", "u1", 300);
        List<Callable<List<AppendOutcome>>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            List<Behavior> shuffled = new ArrayList<>(batch);
            Collections.shuffle(shuffled, new Random(w));
            writers.add(() -> repository().append(tenant, shuffled));
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        long stored = 0;
        try {
            for (Future<List<AppendOutcome>> result : pool.invokeAll(writers)) {
                stored += result.get().stream().filter(STORED::equals).count();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(stored).isEqualTo(300);
        assertThat(repository().count(tenant)).isEqualTo(300);
    }

    @Test
    void recentForUserReturnsTheLastBehavioursOldestFirst() {
        List<Behavior> history = views("e", "u1", 8);
        List<Behavior> arrivedOutOfOrder = new ArrayList<>(history);
        Collections.shuffle(arrivedOutOfOrder, new Random(7));
        repository().append(tenant, arrivedOutOfOrder);
        repository().append(tenant, views("other", "u2", 3));

        assertThat(repository().recentForUser(tenant, new UserId("u1"), 3)).containsExactlyElementsOf(history.subList(5, 8));
    }

    @Test
    void recentForUserUpToAMomentLeavesOutWhatCameAfter() {
        List<Behavior> history = views("e", "u1", 8);
        repository().append(tenant, history);

        assertThat(repository().recentForUser(tenant, new UserId("u1"), history.get(4).occurredAt(), 3))
                .containsExactlyElementsOf(history.subList(2, 5));
        assertThat(repository().recentForUser(tenant, new UserId("u1"), T0.minusSeconds(1), 3)).isEmpty();
    }

    @Test
    void usersStartingWithListsDistinctIdsInOrderAndTakesWildcardsLiterally() {
        repository().append(tenant, views("a", "u_2", 2));
        repository().append(tenant, views("b", "u12", 1));
        repository().append(tenant, views("c", "u1", 1));
        repository().append(tenant, views("d", "v1", 1));

        assertThat(repository().usersStartingWith(tenant, "u", 10)).extracting(UserId::value).containsExactly("u1", "u12", "u_2");
        assertThat(repository().usersStartingWith(tenant, "u_", 10)).extracting(UserId::value).containsExactly("u_2");
        assertThat(repository().usersStartingWith(tenant, "", 2)).extracting(UserId::value).containsExactly("u1", "u12");
    }

    @Test
    void summarizeCountsBehavioursUsersItemsTypesAndDays() {
        repository().append(tenant, List.of(view("a", "u1", "i1", T0), view("b", "u1", "i2", T0.plus(Duration.ofHours(1))),
                view("c", "u2", "i1", T0.plus(Duration.ofDays(1))), rated("d", "u2", "i3", T0.plus(Duration.ofDays(3)), 4, Duration.ofSeconds(5))));
        repository().append(ContractData.freshTenant(), views("x", "u9", 5));

        BehaviorRepository.LogSummary summary = repository().summarize(tenant, T0.plus(Duration.ofDays(1)));

        assertThat(summary.behaviours()).isEqualTo(4);
        assertThat(summary.users()).isEqualTo(2);
        assertThat(summary.items()).isEqualTo(3);
        assertThat(summary.perType()).containsExactlyInAnyOrderEntriesOf(Map.of(BehaviorType.VIEW, 3L, BehaviorType.RATE, 1L));
        assertThat(summary.perDay()).containsExactly(
                new BehaviorRepository.DayCount(LocalDate.parse("2024-03-02"), 1),
                new BehaviorRepository.DayCount(LocalDate.parse("2024-03-04"), 1));
    }

    @Test
    void recentForUserBreaksTiesOfTheSameMomentByArrival() {
        Behavior first = view("z", "u1", "a", T0);
        Behavior second = view("a", "u1", "b", T0);
        repository().append(tenant, List.of(first));
        repository().append(tenant, List.of(second));

        assertThat(repository().recentForUser(tenant, new UserId("u1"), 1)).containsExactly(second);
        assertThat(repository().recentForUser(tenant, new UserId("u1"), 5)).containsExactly(first, second);
    }

    @Test
    void consumedItemsAreEveryItemOfTheUserOnce() {
        repository().append(tenant, List.of(view("e1", "u1", "a", T0), view("e2", "u1", "b", T0), view("e3", "u1", "a", T0),
                view("e4", "u2", "c", T0)));

        assertThat(repository().consumedItems(tenant, new UserId("u1"))).containsExactlyInAnyOrder(new ItemId("a"), new ItemId("b"));
    }

    @Test
    void forEachInTimeOrderStreamsTheWholeLogSortedByTime() {
        List<Integer> seconds = new ArrayList<>();
        for (int i = 0; i < 2_345; i++) {
            seconds.add(i * 7);
        }
        Collections.shuffle(seconds, new Random(3));
        List<Behavior> log = new ArrayList<>();
        for (int i = 0; i < seconds.size(); i++) {
            log.add(view("e-" + i, "u" + i % 40, "i" + i % 100, T0.plusSeconds(seconds.get(i))));
        }
        for (int from = 0; from < log.size(); from += 500) {
            repository().append(tenant, log.subList(from, Math.min(log.size(), from + 500)));
        }
        List<Behavior> expected = new ArrayList<>(log);
        expected.sort(java.util.Comparator.comparing(Behavior::occurredAt));

        List<Behavior> streamed = new ArrayList<>();
        repository().forEachInTimeOrder(tenant, streamed::add);

        assertThat(streamed).containsExactlyElementsOf(expected);
    }

    @Test
    void exceptionOfTheSinkEndsTheStreamUnchanged() {
        repository().append(tenant, views("e", "u1", 50));
        IllegalStateException stop = new IllegalStateException("enough");

        assertThatThrownBy(() -> repository().forEachInTimeOrder(tenant, b -> {
            throw stop;
        })).isSameAs(stop);
    }

    @Test
    void noReadCrossesTenants() {
        TenantId other = ContractData.freshTenant();
        Behavior mine = view("e-1", "u1", "mine", T0);
        Behavior theirs = view("e-1", "u1", "theirs", T0.plusSeconds(5));

        assertThat(repository().append(tenant, List.of(mine))).containsExactly(STORED);
        assertThat(repository().append(other, List.of(theirs))).containsExactly(STORED);

        assertThat(repository().recentForUser(tenant, new UserId("u1"), 10)).containsExactly(mine);
        assertThat(repository().consumedItems(tenant, new UserId("u1"))).containsExactly(new ItemId("mine"));
        List<Behavior> streamed = new ArrayList<>();
        repository().forEachInTimeOrder(tenant, streamed::add);
        assertThat(streamed).containsExactly(mine);
        assertThat(repository().count(tenant)).isEqualTo(1);
    }

    @Test
    void eraseUserDeletesEveryBehaviourAndTheUsersOwnCurveAndNothingElse() {
        ForgettingCurveRepository curves = curves();
        TenantId other = ContractData.freshTenant();
        repository().append(tenant, views("a", "u1", 30));
        repository().append(tenant, views("b", "u2", 4));
        repository().append(other, views("a", "u1", 2));
        StoredCurve curve = new StoredCurve("user:u1", ExponentialCurve.ofDays(3), Map.of("n", 30.0), T0);
        curves.save(tenant, curve);
        curves.save(tenant, new StoredCurve("user:u2", ExponentialCurve.ofDays(3), Map.of("n", 4.0), T0));
        curves.save(other, curve);

        int erased = repository().eraseUser(tenant, new UserId("u1"));

        assertThat(erased).isEqualTo(30);
        assertThat(repository().recentForUser(tenant, new UserId("u1"), 100)).isEmpty();
        assertThat(repository().consumedItems(tenant, new UserId("u1"))).isEmpty();
        assertThat(curves.find(tenant, "user:u1")).isEmpty();
        assertThat(curves.find(tenant, "user:u2")).isPresent();
        assertThat(repository().count(tenant)).isEqualTo(4);
        assertThat(repository().count(other)).isEqualTo(2);
        assertThat(curves.find(other, "user:u1")).isPresent();
    }

    @Test
    void negativeLimitIsRejectedNamingTheField() {
        assertThatThrownBy(() -> repository().recentForUser(tenant, new UserId("u1"), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    }

    @Test
    void theFeedSeesStoredBehavioursBySequenceNumberAndATenantCatchesUpFromAWatermark() {
        TenantId other = ContractData.freshTenant();
        long before = repository().latestSequence();
        repository().append(tenant, views("f", "u1", 3));
        repository().append(other, views("g", "u2", 2));
        repository().append(tenant, views("f", "u1", 3));
        long after = repository().latestSequence();

        List<BehaviorRepository.Stored> tail = repository().storedAfter(before, List.of(), 1_000).stream()
                .filter(s -> s.tenantId().equals(tenant) || s.tenantId().equals(other)).toList();
        assertThat(tail).hasSize(5);
        assertThat(tail).extracting(BehaviorRepository.Stored::sequence).isSorted().allSatisfy(seq -> assertThat(seq).isBetween(before + 1, after));
        assertThat(tail.stream().filter(s -> s.tenantId().equals(tenant)).count()).isEqualTo(3);
        long first = tail.get(0).sequence();
        // A sequence number named as skipped comes back though it is below the cursor.
        assertThat(repository().storedAfter(after, List.of(first), 10)).extracting(BehaviorRepository.Stored::sequence).containsExactly(first);
        assertThat(repository().storedAfter(before, List.of(), 2)).hasSize(2);

        List<BehaviorRepository.Stored> mine = new java.util.ArrayList<>();
        repository().forEachStored(tenant, first, after, mine::add);
        assertThat(mine).hasSize(2).allSatisfy(s -> assertThat(s.tenantId()).isEqualTo(tenant));
        List<Behavior> upToFirst = new java.util.ArrayList<>();
        repository().forEachInTimeOrder(tenant, BehaviorRepository.BEGINNING, first, upToFirst::add);
        assertThat(upToFirst).hasSize(1);
    }

    @Test
    void aWindowReadNamesTheSequenceNumbersItDidNotSeeAndTheyCanBeReadBackByNumber() {
        TenantId other = ContractData.freshTenant();
        long before = repository().latestSequence();
        repository().append(tenant, views("s", "u1", 3));
        repository().append(other, views("o", "u2", 2));
        repository().append(tenant, views("z", "u9", 2));
        long watermark = repository().latestSequence();
        List<BehaviorRepository.Stored> stored = repository().storedAfter(before, List.of(), 1_000).stream()
                .filter(s -> s.tenantId().equals(tenant) || s.tenantId().equals(other)).toList();
        List<Long> mine = stored.stream().filter(s -> s.tenantId().equals(tenant)).map(BehaviorRepository.Stored::sequence).toList();
        List<Long> theirs = stored.stream().filter(s -> s.tenantId().equals(other)).map(BehaviorRepository.Stored::sequence).toList();
        List<Long> erased = mine.subList(3, 5);
        repository().eraseUser(tenant, new UserId("u9"));

        List<Behavior> window = new java.util.ArrayList<>();
        java.util.SortedSet<Long> unseen = repository().forEachInTimeOrder(tenant, BehaviorRepository.BEGINNING, watermark, window::add);

        assertThat(window).hasSize(3);
        assertThat(unseen).as("numbers that hold no row any more").containsAll(erased)
                .as("never a number whose row the read delivered or that is another tenant's").doesNotContainAnyElementsOf(mine.subList(0, 3))
                .doesNotContainAnyElementsOf(theirs)
                .allSatisfy(seq -> assertThat(seq).isBetween(1L, watermark));
        assertThat(repository().forEachInTimeOrder(tenant, BehaviorRepository.BEGINNING, Long.MAX_VALUE, b -> { })).isEmpty();
        List<Long> asked = new java.util.ArrayList<>(erased);
        asked.add(theirs.get(0));
        asked.add(mine.get(1));
        asked.add(mine.get(0));
        assertThat(repository().storedAmong(tenant, asked)).extracting(BehaviorRepository.Stored::sequence)
                .as("only the tenant's rows that exist, ascending").containsExactly(mine.get(0), mine.get(1));
        assertThat(repository().storedAmong(tenant, List.of())).isEmpty();
    }

    @Test
    void aTrainingWindowReadsFromAMomentAndTheNthNewestBehaviourBoundsIt() {
        repository().append(tenant, List.of(view("w1", "u1", "i1", T0), view("w2", "u1", "i2", T0.plusSeconds(60)),
                view("w3", "u2", "i3", T0.plusSeconds(120))));
        List<Behavior> window = new java.util.ArrayList<>();
        repository().forEachInTimeOrder(tenant, T0.plusSeconds(60), Long.MAX_VALUE, window::add);
        assertThat(window).extracting(b -> b.eventId().value()).containsExactly("w2", "w3");
        assertThat(repository().momentOfNewest(tenant, 1)).contains(T0.plusSeconds(120));
        assertThat(repository().momentOfNewest(tenant, 3)).contains(T0);
        assertThat(repository().momentOfNewest(tenant, 4)).isEmpty();
        long third = repository().sequenceBelowNewest(tenant, 2);
        List<BehaviorRepository.Stored> newestTwo = new java.util.ArrayList<>();
        repository().forEachStored(tenant, third, Long.MAX_VALUE, newestTwo::add);
        assertThat(newestTwo).hasSize(2);
        assertThat(repository().sequenceBelowNewest(tenant, 3)).isZero();
        assertThat(repository().sequenceBelowNewest(tenant, 0)).isEqualTo(repository().storedAfter(third, List.of(), 10).stream()
                .filter(s -> s.tenantId().equals(tenant)).mapToLong(BehaviorRepository.Stored::sequence).max().orElseThrow());
    }
}
