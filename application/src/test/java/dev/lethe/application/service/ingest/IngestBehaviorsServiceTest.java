package dev.lethe.application.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.lethe.application.port.in.IngestBehaviorsCommand;
import dev.lethe.application.port.in.IngestionOutcome;
import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.BehaviorRepository.AppendOutcome;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class IngestBehaviorsServiceTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final TenantId TENANT = new TenantId("shop");

    private final BehaviorRepository repository = mock(BehaviorRepository.class);
    private final List<TenantId> notified = new ArrayList<>();
    private final Consumer<TenantId> listener = notified::add;
    private final IngestBehaviorsService service = new IngestBehaviorsService(repository, Clock.fixed(NOW, ZoneOffset.UTC), listener);

    private static Behavior event(String id, Instant at) {
        return Behavior.of(new EventId(id), new UserId("u1"), new ItemId("i1"), BehaviorType.VIEW, at);
    }

    @Test
    void rejectsInvalidEventsAndStoresTheRestInOrder() {
        Behavior ok1 = event("a", NOW.minusSeconds(10));
        Behavior future = event("b", NOW.plusSeconds(3 * 86_400));
        Behavior ok2 = event("c", NOW.minusSeconds(5));
        when(repository.append(eq(TENANT), eq(List.of(ok1, ok2)))).thenReturn(List.of(AppendOutcome.STORED, AppendOutcome.DUPLICATE));

        List<IngestionOutcome> outcomes = service.ingest(new IngestBehaviorsCommand(TENANT, List.of(ok1, future, ok2)));

        assertThat(outcomes).hasSize(3);
        assertThat(outcomes.get(0)).isEqualTo(new IngestionOutcome.Accepted(new EventId("a")));
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(IngestionOutcome.Rejected.class, r -> {
            assertThat(r.field()).isEqualTo("timestamp");
            assertThat(r.code()).isEqualTo("timestamp_in_future");
        });
        assertThat(outcomes.get(2)).isEqualTo(new IngestionOutcome.Duplicate(new EventId("c")));
        assertThat(notified).containsExactly(TENANT);
    }

    @Test
    void touchesNoStoreWhenEveryEventIsRejected() {
        service.ingest(new IngestBehaviorsCommand(TENANT, List.of(event("old", Instant.parse("1980-01-01T00:00:00Z")))));
        verifyNoInteractions(repository);
        assertThat(notified).isEmpty();
    }

    @Test
    void doesNotNotifyWhenOnlyDuplicatesArrived() {
        when(repository.append(eq(TENANT), any())).thenReturn(List.of(AppendOutcome.DUPLICATE));
        service.ingest(new IngestBehaviorsCommand(TENANT, List.of(event("a", NOW))));
        verify(repository).append(eq(TENANT), any());
        assertThat(notified).isEmpty();
    }

    @Test
    void refusesBatchesOverTheLimit() {
        List<Behavior> many = new ArrayList<>();
        for (int i = 0; i <= IngestBehaviorsCommand.MAX_BATCH; i++) {
            many.add(event("e" + i, NOW));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new IngestBehaviorsCommand(TENANT, many))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("events");
        verify(repository, never()).append(any(), any());
    }
}
