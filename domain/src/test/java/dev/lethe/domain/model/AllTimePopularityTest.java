package dev.lethe.domain.model;

import static dev.lethe.domain.model.Events.context;
import static dev.lethe.domain.model.Events.event;
import static dev.lethe.domain.model.Events.score;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.ItemId;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllTimePopularityTest {
    @Test
    void countsTheWholeTrainingSplitIncludingItsFutureButNotTheValidationEvents() {
        Catalogue catalogue = Events.catalogue(3);
        List<Behavior> training = List.of(event("a", "0", 1), event("b", "1", 20), event("c", "1", 30));
        TrainingData data = new TrainingData(catalogue, training,
                List.of(new TrainingData.ValidationCase(context("a", training, 5), new ItemId("2"))));

        Recommender pop = AllTimePopularity.trainer().train(data, TrainingListener.SILENT);

        assertThat(score(pop, context("x", training, 2))).containsExactly(1, 2, 0);
    }
}
