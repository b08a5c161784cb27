package dev.lethe.domain.model;

import static dev.lethe.domain.model.Events.context;
import static dev.lethe.domain.model.Events.day;
import static dev.lethe.domain.model.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.ItemId;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLogTest {
    private final Catalogue catalogue = Events.catalogue(4);

    @Test
    void countBeforeIsStrict() {
        EventLog log = EventLog.of(catalogue, List.of(event("a", "0", 1), event("a", "1", 2), event("b", "2", 2)));

        assertThat(log.countBefore(day(2).toEpochMilli())).isEqualTo(1);
        assertThat(log.countBefore(day(2).toEpochMilli() + 1)).isEqualTo(3);
    }

    @Test
    void equalTimestampsKeepTheirGivenOrder() {
        EventLog log = EventLog.of(catalogue, List.of(event("a", "3", 1), event("a", "1", 1), event("a", "2", 0)));

        assertThat(List.of(log.item(0), log.item(1), log.item(2))).containsExactly(2, 3, 1);
    }

    @Test
    void knownLogAddsTheValidationTargetsAtTheirMoments() {
        List<Behavior> training = List.of(event("a", "0", 1), event("b", "1", 3));
        TrainingData data = new TrainingData(catalogue, training,
                List.of(new TrainingData.ValidationCase(context("a", training, 2), new ItemId("3"))));

        EventLog log = EventLog.known(data);

        assertThat(log.size()).isEqualTo(3);
        assertThat(log.item(1)).isEqualTo(3);
        assertThat(log.time(1)).isEqualTo(day(2).toEpochMilli());
        assertThat(log.user(1)).isEqualTo(log.user(0));
    }

    @Test
    void itemsOutsideTheCatalogueAreDropped() {
        EventLog log = EventLog.of(catalogue, List.of(event("a", "99", 1), event("a", "1", 2)));

        assertThat(log.size()).isEqualTo(1);
    }
}
