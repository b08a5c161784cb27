package dev.lethe.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every {@link ItemRepository} must do; extend it and return your implementation to run it. */
public abstract class ItemRepositoryContract {
    private final TenantId tenant = ContractData.freshTenant();

    /** The implementation under test, over one store shared by every test. */
    protected abstract ItemRepository items();

    private ItemRepository repository() {
        return items();
    }

    private static Item item(String id, Set<String> categories, Map<String, String> attributes) {
        return new Item(new ItemId(id), categories, attributes);
    }

    @Test
    void upsertedItemReadsBackWithCategoriesAndAttributes() {
        Item item = item("m-1", Set.of("Drama", "drama", "Sci-Fi"), Map.of("title", "Solaris — Солярис 🚀", "year", "1972"));
        repository().upsert(tenant, item);

        assertThat(repository().find(tenant, item.id())).contains(item);
    }

    @Test
    void upsertReplacesTheWholeItem() {
        repository().upsert(tenant, item("m-1", Set.of("a", "b"), Map.of("x", "1", "y", "2")));
        Item replacement = item("m-1", Set.of("c"), Map.of("y", "3"));

        repository().upsert(tenant, replacement);

        assertThat(repository().find(tenant, new ItemId("m-1"))).contains(replacement);
    }

    @Test
    void aCreationTimeIsKeptToTheMicrosecondAndAnItemWithoutOneKeepsTheStoredOne() {
        java.time.Instant created = java.time.Instant.parse("2026-03-04T05:06:07.123456789Z");
        repository().upsert(tenant, item("m-1", Set.of("a"), Map.of()).withCreatedAt(created));
        java.time.Instant micros = java.time.Instant.parse("2026-03-04T05:06:07.123456Z");
        assertThat(repository().find(tenant, new ItemId("m-1"))).hasValueSatisfying(i -> assertThat(i.createdAt()).contains(micros));

        repository().upsert(tenant, item("m-1", Set.of("b"), Map.of()));
        assertThat(repository().find(tenant, new ItemId("m-1"))).contains(item("m-1", Set.of("b"), Map.of()).withCreatedAt(micros));

        java.time.Instant later = java.time.Instant.parse("2026-05-01T00:00:00Z");
        repository().upsert(tenant, item("m-1", Set.of("b"), Map.of()).withCreatedAt(later));
        assertThat(repository().findAll(tenant, List.of(new ItemId("m-1"))).get(new ItemId("m-1")).createdAt()).contains(later);
        List<Item> streamed = new java.util.ArrayList<>();
        repository().forEach(tenant, streamed::add);
        assertThat(streamed).extracting(Item::createdAt).containsExactly(java.util.Optional.of(later));
    }

    @Test
    void bareItemHasNoCategoriesNorAttributes() {
        repository().upsert(tenant, Item.bare(new ItemId("m-1")));

        assertThat(repository().find(tenant, new ItemId("m-1"))).contains(Item.bare(new ItemId("m-1")));
    }

    @Test
    void unknownItemIsEmpty() {
        assertThat(repository().find(tenant, new ItemId("nope"))).isEmpty();
    }

    @Test
    void findAllReturnsOnlyTheKnownItemsOfTheTenant() {
        TenantId other = ContractData.freshTenant();
        Item a = item("a", Set.of("x"), Map.of());
        Item b = item("b", Set.of(), Map.of("k", "v"));
        repository().upsert(tenant, a);
        repository().upsert(tenant, b);
        repository().upsert(other, item("c", Set.of(), Map.of()));

        Map<ItemId, Item> found = repository().findAll(tenant, List.of(new ItemId("a"), new ItemId("b"), new ItemId("c"), new ItemId("a")));

        assertThat(found).containsOnly(Map.entry(a.id(), a), Map.entry(b.id(), b));
    }

    @Test
    void sameItemIdInTwoTenantsIsTwoItems() {
        TenantId other = ContractData.freshTenant();
        Item mine = item("m-1", Set.of("mine"), Map.of());
        Item theirs = item("m-1", Set.of("theirs"), Map.of());
        repository().upsert(tenant, mine);
        repository().upsert(other, theirs);

        assertThat(repository().find(tenant, mine.id())).contains(mine);
        assertThat(repository().find(other, mine.id())).contains(theirs);
    }

    @Test
    void forEachStreamsEveryItemOfTheTenantOnceAcrossPages() {
        List<Item> catalogue = new ArrayList<>();
        for (int i = 0; i < 1_050; i++) {
            catalogue.add(item(String.format("i-%05d", i), Set.of("c" + i % 7), i % 3 == 0 ? Map.of("n", Integer.toString(i)) : Map.of()));
        }
        catalogue.forEach(item -> repository().upsert(tenant, item));
        repository().upsert(ContractData.freshTenant(), item("i-00001", Set.of(), Map.of()));

        List<Item> streamed = new ArrayList<>();
        repository().forEach(tenant, streamed::add);

        assertThat(streamed).containsExactlyElementsOf(catalogue);
    }

    @Test
    void concurrentWritesOfDifferentItemsAllSucceed() throws Exception {
        int writers = 8;
        int writesEach = 300;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Integer>> results = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            // Neighbouring item ids belong to different writers, so their child rows share index gaps.
            results.add(pool.submit(() -> {
                int failures = 0;
                for (int n = 0; n < writesEach; n++) {
                    String id = String.format("c-%03d", (n % 40) * writers + writer);
                    Set<String> categories = n % 3 == 0 ? Set.of() : Set.of("g" + n % 5, "h" + n % 2);
                    Map<String, String> attributes = n % 4 == 0 ? Map.of() : Map.of("n", Integer.toString(n), "k" + n % 3, "v");
                    try {
                        repository().upsert(tenant, item(id, categories, attributes));
                    } catch (RuntimeException e) {
                        failures++;
                    }
                }
                return failures;
            }));
        }
        int failures = 0;
        for (Future<Integer> result : results) {
            failures += result.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(failures).isZero();
    }

    @Test
    void forEachOfAnEmptyCatalogueSeesNothing() {
        List<Item> streamed = new ArrayList<>();
        repository().forEach(tenant, streamed::add);

        assertThat(streamed).isEmpty();
    }

    @Test
    void itemsWrittenSinceAMomentAreListedWithTheirTenant() {
        java.time.Instant before = java.time.Instant.now().minusSeconds(1);
        repository().upsert(tenant, item("c-1", Set.of("x"), Map.of()));
        java.util.Map<String, Set<String>> seen = new java.util.HashMap<>();
        repository().forEachChangedSince(before, (t, item) -> {
            if (t.equals(tenant)) {
                seen.put(item.id().value(), item.categories());
            }
        });
        assertThat(seen).containsExactly(Map.entry("c-1", Set.of("x")));
        java.util.List<Item> later = new java.util.ArrayList<>();
        repository().forEachChangedSince(java.time.Instant.now().plusSeconds(60), (t, item) -> later.add(item));
        assertThat(later).isEmpty();
    }
}
