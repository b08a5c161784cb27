package dev.lethe.domain.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.model.Catalogue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContentIndexTest {
    private static Item item(String id, Set<String> categories, String title) {
        return new Item(new ItemId(id), categories, title == null ? Map.of() : Map.of("title", title));
    }

    private static final Map<ItemId, Item> ITEMS = Map.of(
            new ItemId("1"), item("1", Set.of("Sci-Fi"), "Star Wars: Episode IV (1977)"),
            new ItemId("2"), item("2", Set.of("Sci-Fi"), "Star Wars: Episode V (1980)"),
            new ItemId("3"), item("3", Set.of("Drama"), "Casablanca (1942)"),
            new ItemId("4"), item("4", Set.of(), null));
    private static final Catalogue CATALOGUE = Catalogue.of(ITEMS.keySet());

    private static ContentIndex index() {
        return ContentIndex.fit(CATALOGUE, id -> Optional.ofNullable(ITEMS.get(id)));
    }

    @Test
    void tokensAreCategoriesAndTheLowerCasedWordsOfEveryAttributeWithoutAccentsOrOneLetterWords() {
        Item item = new Item(new ItemId("x"), Set.of("Café"), Map.of("title", "Amélie: a Café-Story", "tags", "french,2001"));

        assertThat(ItemText.tokens(item)).containsExactlyInAnyOrder("category:café", "amelie", "cafe", "story", "french", "2001");
    }

    @Test
    void vectorsHaveUnitLengthAndShareMoreWithTheSameSeriesThanWithAnotherFilm() {
        ContentIndex index = index();
        int a = CATALOGUE.indexOf(new ItemId("1")).getAsInt();
        int b = CATALOGUE.indexOf(new ItemId("2")).getAsInt();
        int c = CATALOGUE.indexOf(new ItemId("3")).getAsInt();
        double norm = 0;
        for (float w : index.vector(a).weights()) {
            norm += w * w;
        }
        assertThat(norm).isCloseTo(1.0, within(1e-6));
        ContentNeighbours.Row row = index.nearest(index.vector(a), a, 5, index.postings());

        // Only item 2 shares a word (star, wars, episode, sci-fi) with item 1; Casablanca shares none.
        assertThat(row.items()).containsExactly(b);
        assertThat(row.similarities()[0]).isBetween(0.3f, 1f);
        assertThat(index.nearest(index.vector(c), c, 5, index.postings()).items()).isEmpty();
        assertThat(index.hasText(CATALOGUE.indexOf(new ItemId("4")).getAsInt())).isFalse();
    }

    @Test
    void theIdfMakesARareSharedWordCountMoreThanACommonOne() {
        // "the" is in every title, "dune" in two: sharing "dune" must make the closer pair.
        Map<ItemId, Item> items = Map.of(
                new ItemId("1"), item("1", Set.of(), "the dune"),
                new ItemId("2"), item("2", Set.of(), "the dune messiah"),
                new ItemId("3"), item("3", Set.of(), "the messiah"),
                new ItemId("4"), item("4", Set.of(), "the end"));
        Catalogue catalogue = Catalogue.of(items.keySet());
        ContentIndex index = ContentIndex.fit(catalogue, id -> Optional.ofNullable(items.get(id)));
        int one = catalogue.indexOf(new ItemId("1")).getAsInt();

        ContentNeighbours.Row row = index.nearest(index.vector(one), one, 3, index.postings());

        assertThat(row.items()[0]).isEqualTo(catalogue.indexOf(new ItemId("2")).getAsInt());
        assertThat(row.similarities()[0]).isGreaterThan(row.similarities()[1]);
    }

    @Test
    void anItemVectorisedAfterFittingUsesOnlyTheKnownVocabulary() {
        ContentIndex index = index();

        ContentIndex.Vector v = index.vector(item("9", Set.of("Sci-Fi"), "Star Wars: Episode VI Return of the Jedi"));
        ContentNeighbours.Row row = index.nearest(v, -1, 2, index.postings());

        assertThat(v.terms()).hasSize(4); // category:sci-fi, star, wars, episode
        assertThat(row.items()).containsExactlyInAnyOrder(CATALOGUE.indexOf(new ItemId("1")).getAsInt(), CATALOGUE.indexOf(new ItemId("2")).getAsInt());
    }

    @Test
    void theIndexAndTheNeighboursSurviveAWriteAndARead() throws IOException {
        ContentIndex index = index();
        ContentNeighbours neighbours = index.neighbours(3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            index.write(out);
            neighbours.write(out);
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        ContentIndex readIndex = ContentIndex.read(in);
        ContentNeighbours readNeighbours = ContentNeighbours.read(in);

        for (int j = 0; j < CATALOGUE.size(); j++) {
            assertThat(readIndex.vector(j).terms()).containsExactly(index.vector(j).terms());
            assertThat(readIndex.vector(j).weights()).containsExactly(index.vector(j).weights());
            assertThat(readNeighbours.row(j).items()).containsExactly(neighbours.row(j).items());
        }
        Item later = item("9", Set.of("Drama"), "Casablanca restored");
        assertThat(readIndex.vector(later).weights()).containsExactly(index.vector(later).weights());
    }

    @Test
    void offeringAnItemToARowKeepsTheStrongestInOrderAndReplacesAnEarlierEntry() {
        ContentNeighbours.Row row = new ContentNeighbours.Row(new int[] {4, 7}, new float[] {0.9f, 0.5f});

        assertThat(row.offer(9, 0.7f, 2).items()).containsExactly(4, 9);
        assertThat(row.offer(9, 0.1f, 2)).isSameAs(row);
        assertThat(row.offer(9, 0.1f, 3).items()).containsExactly(4, 7, 9);
        assertThat(row.offer(7, 0.95f, 2).items()).containsExactly(7, 4);
        assertThat(row.offer(7, 0.95f, 2).similarities()).containsExactly(0.95f, 0.9f);
    }

    @Test
    void neighboursGrowToANewCatalogueSizeWithOnlyTheChangedRowsReplaced() {
        ContentNeighbours neighbours = index().neighbours(2);
        ContentNeighbours.Row fresh = new ContentNeighbours.Row(new int[] {0}, new float[] {0.4f});

        ContentNeighbours grown = neighbours.with(Map.of(5, fresh), 6);

        assertThat(grown.items()).isEqualTo(6);
        assertThat(grown.row(5)).isSameAs(fresh);
        assertThat(grown.row(4).items()).isEmpty();
        assertThat(grown.row(0)).isSameAs(neighbours.row(0));
        assertThat(neighbours.items()).isEqualTo(4);
        assertThat(List.of(grown.row(7).items().length)).containsExactly(0);
    }
}
