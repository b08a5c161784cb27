package dev.lethe.bootstrap.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.ItemId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.bootstrap.cli.GenerateCommand;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.synthetic.SyntheticGenerator;
import dev.lethe.domain.synthetic.SyntheticTenant;
import dev.lethe.domain.tenant.TenantKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFormatTest {
    @TempDir
    Path dir;

    @Test
    void movieLensCsvReadsRatingsAndGenresFromMoviesBesideIt() throws Exception {
        Path ratings = dir.resolve("ratings.csv");
        Files.writeString(ratings, "userId,movieId,rating,timestamp\n1,10,4.5,964982703\n2,11,3.0,964982704\n");
        Files.writeString(dir.resolve("movies.csv"),
                "movieId,title,genres\n10,\"American President, The (1995)\",Comedy|Drama|Romance\n11,Heat (1995),(no genres listed)\n");

        Dataset data = DatasetFormat.MOVIELENS_CSV.read(ratings);

        assertThat(data.events()).hasSize(2);
        assertThat(data.events().get(0).type()).isEqualTo(BehaviorType.RATE);
        assertThat(data.events().get(0).value()).hasValue(4.5);
        assertThat(data.events().get(0).occurredAt()).isEqualTo(Instant.ofEpochSecond(964982703));
        assertThat(data.items().get(new ItemId("10")).categories()).containsExactlyInAnyOrder("Comedy", "Drama", "Romance");
        assertThat(data.items().get(new ItemId("10")).attributes()).containsEntry("title", "American President, The (1995)");
        assertThat(data.items().get(new ItemId("11")).categories()).isEmpty();
        // The release year in the title stands for when the film entered the catalogue.
        assertThat(data.items().get(new ItemId("10")).createdAt()).contains(Instant.parse("1995-01-01T00:00:00Z"));
        assertThat(DatasetFormat.releaseYear("Cosmos")).isEmpty();
        assertThat(DatasetFormat.releaseYear("Babylon 5 (1994) ")).contains(Instant.parse("1994-01-01T00:00:00Z"));
    }

    @Test
    void movieLens100kReadsTabSeparatedLinesAndGenreFlags() throws Exception {
        Path data = dir.resolve("u.data");
        Files.writeString(data, "196\t242\t3\t881250949\n186\t302\t3\t891717742\n");
        String flags = "|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0";
        Files.writeString(dir.resolve("u.item"), "242|Kolya (1996)|24-Jan-1997||http://x" + flags + "\n");

        Dataset dataset = DatasetFormat.MOVIELENS_100K.read(data);

        assertThat(dataset.events()).extracting(b -> b.itemId().value()).containsExactly("242", "302");
        assertThat(dataset.items().get(new ItemId("242")).categories()).containsExactlyInAnyOrder("Animation", "Children's", "Comedy");
        assertThat(dataset.items().get(new ItemId("242")).createdAt()).contains(Instant.parse("1997-01-24T00:00:00Z"));
    }

    @Test
    void genericCsvFindsColumnsByHeaderAndDefaultsTheTypeToView() throws Exception {
        Path csv = dir.resolve("e.csv");
        Files.writeString(csv, "timestamp,item,user\n2024-05-01T12:00:00Z,i1,u1\n1714564800.5,i2,u1\n");

        Dataset data = DatasetFormat.CSV.read(csv);

        assertThat(data.events().get(0).type()).isEqualTo(BehaviorType.VIEW);
        assertThat(data.events().get(0).occurredAt()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(data.events().get(1).occurredAt()).isEqualTo(Instant.ofEpochMilli(1714564800500L));
    }

    @Test
    void genericCsvReadsCategoriesAndTitlesFromItemsCsvBesideIt() throws Exception {
        Path csv = dir.resolve("events.csv");
        Files.writeString(csv, "user,item,timestamp\nu1,i1,1\nu1,i2,2\n");
        Files.writeString(dir.resolve("items.csv"), "item,categories,title\ni1,pets|toys,\"Ball, red\"\ni2,,\n");

        Dataset data = DatasetFormat.CSV.read(csv);

        assertThat(data.items().get(new ItemId("i1")).categories()).containsExactly("pets", "toys");
        assertThat(data.items().get(new ItemId("i1")).attributes()).containsExactly(entry("title", "Ball, red"));
        assertThat(data.items().get(new ItemId("i2")).categories()).isEmpty();
        assertThat(data.items().get(new ItemId("i2")).attributes()).isEmpty();
        assertThat(data.items().get(new ItemId("i1")).createdAt()).isEmpty();
    }

    @Test
    void aCreatedAtColumnOfItemsCsvIsTheItemsCreationTimeAndABadOneIsReported() throws Exception {
        Path csv = dir.resolve("events.csv");
        Files.writeString(csv, "user,item,timestamp\nu1,i1,1\n");
        Files.writeString(dir.resolve("items.csv"), "item,title,created_at\ni1,Ball,2024-05-01T12:00:00Z\ni2,Kite,1714564800\ni3,Top,\n");

        Dataset data = DatasetFormat.CSV.read(csv);

        assertThat(data.items().get(new ItemId("i1")).createdAt()).contains(Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(data.items().get(new ItemId("i1")).attributes()).containsExactly(entry("title", "Ball"));
        assertThat(data.items().get(new ItemId("i2")).createdAt()).contains(Instant.ofEpochSecond(1714564800));
        assertThat(data.items().get(new ItemId("i3")).createdAt()).isEmpty();

        Files.writeString(dir.resolve("items.csv"), "item,created_at\ni1,yesterday\n");
        assertThatThrownBy(() -> DatasetFormat.CSV.read(csv)).hasMessageContaining("items.csv line 2, field created_at");
    }

    @Test
    void genericCsvReadsTheItemsFileGeneratedBesideTheEvents() throws Exception {
        SyntheticTenant tenant = new SyntheticGenerator(TenantKind.ECOMMERCE, 5, 1, Instant.parse("2026-01-01T00:00:00Z"), Duration.ofDays(30)).generate();
        GenerateCommand.write(tenant, dir);

        Dataset data = DatasetFormat.CSV.read(dir.resolve("events.csv"));

        assertThat(data.items()).hasSize(tenant.items().size());
        for (Item item : tenant.items()) {
            assertThat(data.items().get(item.id()).categories()).as(item.id().value()).isEqualTo(item.categories());
        }
    }

    @Test
    void anItemsFileGivenExplicitlyIsReadInsteadOfTheOneBeside() throws Exception {
        Path csv = dir.resolve("events.csv");
        Files.writeString(csv, "user,item,timestamp\nu1,i1,1\n");
        Files.writeString(dir.resolve("items.csv"), "item,categories\ni1,beside\n");
        Path other = Files.writeString(dir.resolve("catalogue.csv"), "categories,item\nchosen,i1\n");

        Dataset data = DatasetFormat.CSV.read(csv, Optional.of(other));

        assertThat(data.items().get(new ItemId("i1")).categories()).containsExactly("chosen");
    }

    @Test
    void aMissingExplicitItemsFileIsReported() throws Exception {
        Path csv = dir.resolve("events.csv");
        Files.writeString(csv, "user,item,timestamp\nu1,i1,1\n");

        assertThatThrownBy(() -> DatasetFormat.CSV.read(csv, Optional.of(dir.resolve("nope.csv"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope.csv");
    }

    @Test
    void badItemIdIsReportedWithFileLineAndField() throws Exception {
        Path csv = dir.resolve("events.csv");
        Files.writeString(csv, "user,item,timestamp\nu1,i1,1\n");
        Files.writeString(dir.resolve("items.csv"), "item,categories\ni1,a\nno good,b\n");

        assertThatThrownBy(() -> DatasetFormat.CSV.read(csv))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("items.csv line 3, field item:");
    }

    @Test
    void withAPolicyThatReadsOnEveryBadLineIsReportedAndEveryGoodOneRead() throws Exception {
        Path csv = dir.resolve("events.csv");
        Files.writeString(csv, "user,item,timestamp,type\nu1,i1,1,view\nu1,i2,soon,view\nu2,i3\nu2,i4,4,teleport\nu2,i5,5,click\n");
        List<BadLine> bad = new ArrayList<>();
        List<Integer> read = new ArrayList<>();

        DatasetFormat.CSV.forEachEvent(csv, bad::add, (behavior, line) -> read.add(line));

        assertThat(read).containsExactly(2, 6);
        assertThat(bad).extracting(BadLine::line, BadLine::field).containsExactly(tuple(3, "timestamp"), tuple(4, "timestamp"), tuple(5, "type"));
        assertThat(bad.get(0).file()).isEqualTo(csv);
        assertThat(bad.get(0).message()).startsWith(csv + " line 3, field timestamp: ").contains("'soon'");
    }

    @Test
    void derivedEventIdsAreStableAcrossReadsAndDistinctPerLine() throws Exception {
        Path ratings = dir.resolve("ratings.csv");
        Files.writeString(ratings, "userId,movieId,rating,timestamp\n1,10,4.5,964982703\n1,10,4.5,964982703\n");

        List<String> first = DatasetFormat.MOVIELENS_CSV.read(ratings).events().stream().map(b -> b.eventId().value()).toList();
        List<String> second = DatasetFormat.MOVIELENS_CSV.read(ratings).events().stream().map(b -> b.eventId().value()).toList();

        assertThat(first).isEqualTo(second).doesNotHaveDuplicates();
        assertThat(first.get(0)).startsWith("ratings.csv:0000000002:");
    }

    @Test
    void derivedEventIdDependsOnTheLineText() {
        Path file = Path.of("events.csv");

        assertThat(DatasetFormat.derivedEventId(file, 7, "u1,i1,1")).isNotEqualTo(DatasetFormat.derivedEventId(file, 7, "u1,i1,2"));
    }

    @Test
    void derivedEventIdOfAnOddFileNameIsStillAValidId() {
        EventId id = DatasetFormat.derivedEventId(Path.of("-my events (2024).csv"), 12, "x");

        assertThat(id.value()).startsWith("my-events--2024-.csv:0000000012:");
    }

    @Test
    void anEventIdColumnIsUsedWhenPresentAndDerivedWhenEmpty() throws Exception {
        Path csv = dir.resolve("e.csv");
        Files.writeString(csv, "event_id,user,item,timestamp\nclient-1,u1,i1,1\n,u1,i2,2\n");

        Dataset data = DatasetFormat.CSV.read(csv);

        assertThat(data.events().get(0).eventId().value()).isEqualTo("client-1");
        assertThat(data.events().get(1).eventId().value()).startsWith("e.csv:0000000003:");
    }

    @Test
    void missingHeaderColumnIsNamed() throws Exception {
        Path csv = dir.resolve("e.csv");
        Files.writeString(csv, "user,product,timestamp\nu1,i1,1\n");

        assertThatThrownBy(() -> DatasetFormat.CSV.read(csv))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1").hasMessageContaining("'item'");
    }

    @Test
    void badRatingIsReportedWithFileLineAndField() throws Exception {
        Path ratings = dir.resolve("ratings.csv");
        Files.writeString(ratings, "userId,movieId,rating,timestamp\n1,10,4.5,964982703\n1,11,great,964982704\n");

        assertThatThrownBy(() -> DatasetFormat.MOVIELENS_CSV.read(ratings))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 3").hasMessageContaining("rating");
    }

    @Test
    void shortLineIsReportedWithItsNumber() throws Exception {
        Path data = dir.resolve("u.data");
        Files.writeString(data, "196\t242\t3\t881250949\n186\t302\n");

        assertThatThrownBy(() -> DatasetFormat.MOVIELENS_100K.read(data))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2").hasMessageContaining("4 fields");
    }

    @Test
    void badUserIdIsReportedWithItsLine() throws Exception {
        Path csv = dir.resolve("e.csv");
        Files.writeString(csv, "user,item,timestamp\n bad user ,i1,1\n");

        assertThatThrownBy(() -> DatasetFormat.CSV.read(csv))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2").hasMessageContaining("user");
    }
}
