package dev.lethe.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.domain.behavior.ItemId;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogueTest {

    @Test
    void ordersNumericIdsAsNumbersBeforeTextIds() {
        Catalogue catalogue = Catalogue.of(List.of(new ItemId("10"), new ItemId("b"), new ItemId("9"), new ItemId("a"), new ItemId("10")));
        assertThat(catalogue.items()).extracting(ItemId::value).containsExactly("9", "10", "a", "b");
    }

    @Test
    void indexOfIsTheInverseOfItem() {
        Catalogue catalogue = Catalogue.of(List.of(new ItemId("x"), new ItemId("y")));
        assertThat(catalogue.indexOf(catalogue.item(1))).hasValue(1);
        assertThat(catalogue.indexOf(new ItemId("z"))).isEmpty();
    }
}
