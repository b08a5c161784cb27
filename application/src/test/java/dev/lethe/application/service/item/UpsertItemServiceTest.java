package dev.lethe.application.service.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lethe.application.port.in.UpsertItemCommand;
import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UpsertItemServiceTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final TenantId TENANT = new TenantId("shop");
    private static final ItemId ID = new ItemId("sku-1");

    private final ItemRepository items = mock(ItemRepository.class);
    private final List<Item> told = new ArrayList<>();
    private final UpsertItemService service = new UpsertItemService(items, (t, i) -> told.add(i), Clock.fixed(NOW, ZoneOffset.UTC));

    private static Item item() {
        return new Item(ID, Set.of("shoes"), Map.of("title", "Trail runner"));
    }

    @Test
    void anItemFirstStoredWithoutACreationTimeEntersTheCatalogueNow() {
        when(items.find(TENANT, ID)).thenReturn(Optional.empty());

        Item stored = service.upsert(new UpsertItemCommand(TENANT, item()));

        assertThat(stored).isEqualTo(item().withCreatedAt(NOW));
        verify(items).upsert(TENANT, item().withCreatedAt(NOW));
        assertThat(told).containsExactly(item().withCreatedAt(NOW));
    }

    @Test
    void anUpdateWithoutACreationTimeKeepsTheStoredOne() {
        Instant created = NOW.minus(Duration.ofDays(40));
        when(items.find(TENANT, ID)).thenReturn(Optional.of(new Item(ID, Set.of(), Map.of(), Optional.of(created))));

        assertThat(service.upsert(new UpsertItemCommand(TENANT, item())).createdAt()).contains(created);
        verify(items).upsert(TENANT, item().withCreatedAt(created));
    }

    @Test
    void aGivenCreationTimeIsStoredAsGivenAndOneInTheFutureIsRefused() {
        Instant backfilled = NOW.minus(Duration.ofDays(400));
        assertThat(service.upsert(new UpsertItemCommand(TENANT, item().withCreatedAt(backfilled))).createdAt()).contains(backfilled);
        verify(items, never()).find(any(), any());

        assertThatThrownBy(() -> service.upsert(new UpsertItemCommand(TENANT, item().withCreatedAt(NOW.plusSeconds(1)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("createdAt must not be in the future");
        verify(items).upsert(TENANT, item().withCreatedAt(backfilled));
    }
}
