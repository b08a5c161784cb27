package dev.lethe.application.service.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.lethe.application.port.in.TimelineQuery;
import dev.lethe.application.port.in.UserTimeline;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BrowseUsersServiceTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final TenantId TENANT = new TenantId("shop");
    private static final UserId ALICE = new UserId("alice");

    private final BehaviorRepository behaviors = mock(BehaviorRepository.class);
    private final ItemRepository items = mock(ItemRepository.class);
    private final TenantRepository tenants = mock(TenantRepository.class);
    private final ForgettingCurveRepository curves = mock(ForgettingCurveRepository.class);
    private final Behavior first = Behavior.of(new EventId("e1"), ALICE, new ItemId("shoe-1"), BehaviorType.PURCHASE, NOW.minus(Duration.ofDays(20)));
    private final Behavior second = Behavior.of(new EventId("e2"), ALICE, new ItemId("shoe-2"), BehaviorType.VIEW, NOW.minus(Duration.ofDays(10)));
    private BrowseUsersService service;

    @BeforeEach
    void setUp() {
        when(tenants.find(TENANT)).thenReturn(Optional.empty());
        when(curves.find(any(), any())).thenReturn(Optional.empty());
        when(behaviors.recentForUser(eq(TENANT), eq(ALICE), any(Instant.class), anyInt())).thenAnswer(inv -> {
            Instant upTo = inv.getArgument(2);
            return List.of(first, second).stream().filter(b -> !b.occurredAt().isAfter(upTo)).toList();
        });
        when(items.findAll(eq(TENANT), anyCollection())).thenReturn(Map.of(
                new ItemId("shoe-1"), new Item(new ItemId("shoe-1"), Set.of("shoes"), Map.of()),
                new ItemId("shoe-2"), new Item(new ItemId("shoe-2"), Set.of("shoes"), Map.of())));
        service = new BrowseUsersService(behaviors, items, new ServingModels(behaviors, items, tenants, curves), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void anInterestRisesAtEachBehaviourAndDecaysBetweenThem() {
        UserTimeline timeline = service.timeline(new TimelineQuery(TENANT, ALICE, Optional.empty(), 100, 3));

        assertThat(timeline.behaviours()).extracting(e -> e.behaviour().eventId().value()).containsExactly("e1", "e2");
        assertThat(timeline.interests()).extracting(UserTimeline.Trace::category).containsExactly("shoes");
        List<Double> strengths = timeline.interests().get(0).strengths();
        int before = timeline.moments().indexOf(second.occurredAt().minusMillis(1));
        int at = timeline.moments().indexOf(second.occurredAt());
        int start = timeline.moments().indexOf(first.occurredAt());
        assertThat(strengths.get(0)).as("just before the first behaviour").isZero();
        assertThat(strengths.get(start)).isEqualTo(timeline.behaviours().get(0).weight());
        assertThat(strengths.get(before)).isLessThan(strengths.get(start));
        assertThat(strengths.get(at)).isGreaterThan(strengths.get(before));
        assertThat(strengths.get(strengths.size() - 1)).isLessThan(strengths.get(at)).isEqualTo(timeline.interests().get(0).currentStrength());
        assertThat(timeline.moments()).isSorted().last().isEqualTo(NOW);
    }

    @Test
    void aTimelineAsOfAPastMomentEndsThere() {
        Instant past = NOW.minus(Duration.ofDays(15));

        UserTimeline timeline = service.timeline(new TimelineQuery(TENANT, ALICE, Optional.of(past), 100, 3));

        assertThat(timeline.asOf()).isEqualTo(past);
        assertThat(timeline.behaviours()).hasSize(1);
        assertThat(timeline.moments()).allMatch(m -> !m.isAfter(past));
    }

    @Test
    void aTimelineInTheFutureIsRefused() {
        assertThatThrownBy(() -> service.timeline(new TimelineQuery(TENANT, ALICE, Optional.of(NOW.plusSeconds(60)), 100, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("asOf must not be in the future");
    }
}
