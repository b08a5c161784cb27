package dev.lethe.application.service.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.lethe.application.port.in.RecommendQuery;
import dev.lethe.application.port.in.Recommendations;
import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.ForgettingCurveRepository;
import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.application.service.serving.ServingModels;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecommendServiceTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final TenantId TENANT = new TenantId("shop");
    private static final UserId ALICE = new UserId("alice");

    private final BehaviorRepository behaviors = mock(BehaviorRepository.class);
    private final ItemRepository items = mock(ItemRepository.class);
    private final TenantRepository tenants = mock(TenantRepository.class);
    private final ForgettingCurveRepository curves = mock(ForgettingCurveRepository.class);
    private final List<Behavior> log = new ArrayList<>();
    private RecommendService service;

    private void event(String user, String item, Duration ago) {
        log.add(Behavior.of(new EventId("e" + log.size()), new UserId(user), new ItemId(item), BehaviorType.VIEW, NOW.minus(ago)));
    }

    @BeforeEach
    void setUp() {
        // "old" was very popular 200 days ago; "fresh" is mildly popular now.
        for (int i = 0; i < 5; i++) {
            event("x" + i, "old", Duration.ofDays(200));
        }
        event("y1", "fresh", Duration.ofDays(1));
        event("y2", "fresh", Duration.ofDays(2));
        event("y3", "mid", Duration.ofDays(3));
        event("alice", "seen", Duration.ofHours(1));
        startService();
    }

    private void startService() {
        when(behaviors.latestSequence()).thenReturn((long) log.size());
        doAnswer(inv -> {
            Consumer<BehaviorRepository.Stored> sink = inv.getArgument(3);
            for (int i = 0; i < log.size(); i++) {
                sink.accept(new BehaviorRepository.Stored(i + 1, TENANT, log.get(i).itemId(), log.get(i).occurredAt()));
            }
            return null;
        }).when(behaviors).forEachStored(eq(TENANT), eq(0L), eq((long) log.size()), any());
        when(tenants.find(TENANT)).thenReturn(Optional.empty());
        when(curves.find(any(), any())).thenReturn(Optional.empty());
        when(behaviors.recentForUser(eq(TENANT), any(), anyInt())).thenAnswer(inv -> log.stream()
                .filter(b -> b.userId().equals(inv.getArgument(1))).toList());
        when(behaviors.consumedItems(eq(TENANT), any())).thenAnswer(inv -> log.stream()
                .filter(b -> b.userId().equals(inv.getArgument(1))).map(Behavior::itemId).collect(java.util.stream.Collectors.toSet()));
        service = new RecommendService(behaviors, items, new ServingModels(behaviors, items, tenants, curves), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private List<String> ids(Recommendations r) {
        return r.items().stream().map(i -> i.itemId().value()).toList();
    }

    @Test
    void ranksRecentPopularityAboveFadedPopularity() {
        Recommendations r = service.recommend(new RecommendQuery(TENANT, ALICE, 3, Set.of(), Optional.empty(), false));
        assertThat(ids(r)).containsExactly("fresh", "mid", "old");
        assertThat(r.coldStart()).isFalse();
        assertThat(r.asOf()).isEqualTo(NOW);
    }

    @Test
    void neverReturnsWhatTheUserConsumedOrExcluded() {
        Recommendations r = service.recommend(new RecommendQuery(TENANT, ALICE, 10, Set.of(new ItemId("mid")), Optional.empty(), false));
        assertThat(ids(r)).doesNotContain("seen", "mid").contains("fresh", "old");
    }

    @Test
    void aShortHistoryIsReadOnceAndALongOneAlsoReadsWhatTheUserConsumedBeforeIt() {
        service.recommend(new RecommendQuery(TENANT, ALICE, 10, Set.of(), Optional.empty(), false));
        org.mockito.Mockito.verify(behaviors, org.mockito.Mockito.never()).consumedItems(any(), any());

        // Bob's read returns exactly HISTORY_LENGTH behaviours (all of "fresh"), so older ones may exist: "old" among them.
        UserId bob = new UserId("bob");
        List<Behavior> newest = new ArrayList<>();
        for (int i = 0; i < RecommendService.HISTORY_LENGTH; i++) {
            newest.add(Behavior.of(new EventId("b" + i), bob, new ItemId("fresh"), BehaviorType.VIEW, NOW.minusSeconds(60L + i)));
        }
        when(behaviors.recentForUser(eq(TENANT), eq(bob), anyInt())).thenReturn(newest);
        when(behaviors.consumedItems(TENANT, bob)).thenReturn(Set.of(new ItemId("fresh"), new ItemId("old")));

        Recommendations r = service.recommend(new RecommendQuery(TENANT, bob, 10, Set.of(), Optional.empty(), false));

        assertThat(ids(r)).doesNotContain("fresh", "old").contains("mid");
        org.mockito.Mockito.verify(behaviors).consumedItems(TENANT, bob);
    }

    @Test
    void whenTheBestRankedItemsAreAllConsumedTheNextBestUnconsumedAreReturned() {
        // p0 is the most popular, then p1, ...; carol consumed the 45 most popular, more than one ranking window holds.
        for (int p = 0; p < 60; p++) {
            for (int c = 0; c < 80 - p; c++) {
                event("z" + c, "p" + p, Duration.ofHours(2));
            }
        }
        for (int p = 0; p < 45; p++) {
            event("carol", "p" + p, Duration.ofMinutes(30));
        }
        startService();

        Recommendations r = service.recommend(new RecommendQuery(TENANT, new UserId("carol"), 3, Set.of(new ItemId("p45")), Optional.empty(), false));

        assertThat(ids(r)).containsExactly("p46", "p47", "p48");
    }

    @Test
    void marksUsersWithoutHistoryAsColdStart() {
        Recommendations r = service.recommend(new RecommendQuery(TENANT, new UserId("newcomer"), 2, Set.of(), Optional.empty(), false));
        assertThat(r.coldStart()).isTrue();
        assertThat(ids(r)).containsExactly("fresh", "seen");
    }

    @Test
    void keepsOnlyItemsOfTheRequestedCategory() {
        Map<ItemId, Item> known = new HashMap<>();
        known.put(new ItemId("old"), new Item(new ItemId("old"), Set.of("books"), Map.of()));
        known.put(new ItemId("fresh"), new Item(new ItemId("fresh"), Set.of("toys"), Map.of()));
        when(items.findAll(eq(TENANT), anyCollection())).thenReturn(known);
        Recommendations r = service.recommend(new RecommendQuery(TENANT, ALICE, 5, Set.of(), Optional.of("books"), false));
        assertThat(ids(r)).containsExactly("old");
    }

    private void categories(String... itemAndCategory) {
        Map<ItemId, Item> known = new HashMap<>();
        for (int i = 0; i < itemAndCategory.length; i += 2) {
            ItemId id = new ItemId(itemAndCategory[i]);
            known.put(id, new Item(id, Set.of(itemAndCategory[i + 1]), Map.of()));
        }
        when(items.findAll(eq(TENANT), anyCollection())).thenReturn(known);
    }

    @Test
    void diversityZeroKeepsTheRankingByScore() {
        categories("fresh", "toys", "mid", "toys", "old", "books");
        Recommendations r = service.recommend(new RecommendQuery(TENANT, ALICE, 2, Set.of(), Optional.empty(), false, 0));
        assertThat(ids(r)).containsExactly("fresh", "mid");
    }

    @Test
    void fullDiversityPrefersAnItemOfAnotherCategory() {
        categories("fresh", "toys", "mid", "toys", "old", "books");
        Recommendations r = service.recommend(new RecommendQuery(TENANT, ALICE, 2, Set.of(), Optional.empty(), false, 1));
        assertThat(ids(r)).containsExactly("fresh", "old");
    }

    @Test
    void diversityStillNeverReturnsWhatTheUserConsumedOrExcluded() {
        categories("fresh", "toys", "mid", "toys", "old", "books", "seen", "games");
        Recommendations r = service.recommend(new RecommendQuery(TENANT, ALICE, 10, Set.of(new ItemId("old")), Optional.empty(), false, 1));
        assertThat(ids(r)).containsExactly("fresh", "mid");
    }

    @Test
    void diversityAppliesWithinTheRequestedCategory() {
        Map<ItemId, Item> known = new HashMap<>();
        known.put(new ItemId("fresh"), new Item(new ItemId("fresh"), Set.of("toys", "kids"), Map.of()));
        known.put(new ItemId("mid"), new Item(new ItemId("mid"), Set.of("toys", "kids"), Map.of()));
        known.put(new ItemId("old"), new Item(new ItemId("old"), Set.of("toys", "retro"), Map.of()));
        when(items.findAll(eq(TENANT), anyCollection())).thenReturn(known);
        Recommendations r = service.recommend(new RecommendQuery(TENANT, ALICE, 2, Set.of(), Optional.of("toys"), false, 1));
        assertThat(ids(r)).containsExactly("fresh", "old");
    }

    @Test
    void asOfAPastMomentReadsOnlyTheHistoryUpToItAndAnswersForIt() {
        Instant past = NOW.minus(Duration.ofDays(10));
        when(behaviors.recentForUser(eq(TENANT), eq(ALICE), eq(past), anyInt())).thenReturn(List.of());

        Recommendations r = service.recommend(new RecommendQuery(TENANT, ALICE, 3, Set.of(), Optional.empty(), false, 0, Optional.of(past)));

        assertThat(r.asOf()).isEqualTo(past);
        assertThat(r.coldStart()).isTrue();
    }

    @Test
    void asOfInTheFutureIsRefusedNamingIt() {
        RecommendQuery query = new RecommendQuery(TENANT, ALICE, 3, Set.of(), Optional.empty(), false, 0, Optional.of(NOW.plusSeconds(1)));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.recommend(query))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("asOf must not be in the future");
    }
}
