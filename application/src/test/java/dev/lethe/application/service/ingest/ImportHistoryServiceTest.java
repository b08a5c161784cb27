package dev.lethe.application.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lethe.application.port.in.ImportHistoryUseCase.ItemsImported;
import dev.lethe.application.port.in.IngestBehaviorsUseCase;
import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImportHistoryServiceTest {
    private static final TenantId TENANT = new TenantId("shop");

    private final ItemRepository items = mock(ItemRepository.class);
    private final List<TenantId> changed = new ArrayList<>();
    private final ImportHistoryService service = new ImportHistoryService(mock(TenantRepository.class), mock(IngestBehaviorsUseCase.class),
            items, changed::add);

    private static Item item(String id, String... categories) {
        return new Item(new ItemId(id), Set.of(categories), Map.of("title", id.toUpperCase()));
    }

    @Test
    void storesOnlyItemsThatAreNewOrDiffer() {
        Item same = item("a", "pets");
        Item changedCategories = item("b", "toys");
        Item fresh = item("c", "books");
        when(items.findAll(eq(TENANT), anyCollection())).thenReturn(Map.of(same.id(), same, changedCategories.id(), item("b", "pets")));

        ItemsImported result = service.importItems(TENANT, List.of(same, changedCategories, fresh));

        assertThat(result).isEqualTo(new ItemsImported(2, 1));
        verify(items).upsert(TENANT, changedCategories);
        verify(items).upsert(TENANT, fresh);
        verify(items, never()).upsert(TENANT, same);
        assertThat(changed).containsExactly(TENANT);
    }

    @Test
    void aCatalogueStoredAsGivenWritesNothingAndTellsNobody() {
        Item a = item("a", "pets");
        when(items.findAll(eq(TENANT), anyCollection())).thenReturn(Map.of(a.id(), a));

        ItemsImported result = service.importItems(TENANT, List.of(a));

        assertThat(result).isEqualTo(new ItemsImported(0, 1));
        verify(items, never()).upsert(any(), any());
        assertThat(changed).isEmpty();
    }

    @Test
    void anItemWithoutACreationTimeIsUnchangedWhenOnlyTheStoredOneHasATimeAndChangedWhenItsTimeDiffers() {
        Item stored = item("a", "pets").withCreatedAt(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        when(items.findAll(eq(TENANT), anyCollection())).thenReturn(Map.of(stored.id(), stored));

        assertThat(service.importItems(TENANT, List.of(item("a", "pets")))).isEqualTo(new ItemsImported(0, 1));
        verify(items, never()).upsert(any(), any());

        Item redated = item("a", "pets").withCreatedAt(java.time.Instant.parse("2025-06-01T00:00:00Z"));
        assertThat(service.importItems(TENANT, List.of(redated))).isEqualTo(new ItemsImported(1, 0));
        verify(items).upsert(TENANT, redated);
    }

    @Test
    void looksItemsUpByPages() {
        List<Item> catalogue = new ArrayList<>();
        for (int i = 0; i < ImportHistoryService.PAGE + 1; i++) {
            catalogue.add(item("i" + i));
        }
        when(items.findAll(eq(TENANT), anyCollection())).thenReturn(Map.of());

        service.importItems(TENANT, catalogue);

        verify(items, times(2)).findAll(eq(TENANT), anyCollection());
        verify(items, times(ImportHistoryService.PAGE + 1)).upsert(eq(TENANT), any());
    }
}
