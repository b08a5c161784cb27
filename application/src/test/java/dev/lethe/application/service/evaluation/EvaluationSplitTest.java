package dev.lethe.application.service.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.model.TrainingData.ValidationCase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationSplitTest {
    private final List<Behavior> events = new ArrayList<>();

    private void add(String user, String item, long second) {
        events.add(Behavior.of(new EventId("e" + events.size()), new UserId(user), new ItemId(item), BehaviorType.VIEW,
                Instant.ofEpochSecond(1_000_000_000L + second)));
    }

    @Test
    void leaveLastOutHoldsOutTheLastEventForTestAndTheOneBeforeForValidation() {
        add("a", "1", 10);
        add("a", "2", 30);
        add("a", "3", 20);
        add("a", "4", 40);

        EvaluationSplit split = EvaluationSplit.leaveLastOut("t", events);

        ValidationCase test = split.tests().get(0);
        assertThat(test.target().value()).isEqualTo("4");
        assertThat(test.context().history()).extracting(b -> b.itemId().value()).containsExactly("1", "3", "2");
        assertThat(split.training().validation().get(0).target().value()).isEqualTo("2");
        assertThat(split.training().events()).extracting(b -> b.itemId().value()).containsExactly("1", "3");
    }

    @Test
    void equalTimestampsAreOrderedByPositionInTheFile() {
        add("a", "1", 10);
        add("a", "3", 20);
        add("a", "2", 20);

        EvaluationSplit split = EvaluationSplit.leaveLastOut("t", events);

        assertThat(split.tests().get(0).target().value()).isEqualTo("2");
        assertThat(split.training().validation().get(0).target().value()).isEqualTo("3");
    }

    @Test
    void usersWithFewerThanThreeEventsAreDroppedButTheirItemsStayInTheCatalogue() {
        add("a", "1", 10);
        add("a", "2", 20);
        add("a", "3", 30);
        add("b", "9", 5);
        add("c", "8", 5);
        add("c", "7", 6);

        EvaluationSplit split = EvaluationSplit.leaveLastOut("t", events);

        assertThat(split.tests()).extracting(c -> c.context().userId().value()).containsExactly("a");
        assertThat(split.summary().droppedUsers()).isEqualTo(2);
        assertThat(split.training().events()).extracting(b -> b.userId().value()).containsOnly("a");
        assertThat(split.training().catalogue().size()).isEqualTo(6);
    }

    @Test
    void testContextIsAsOfTheHeldOutEvent() {
        add("a", "1", 10);
        add("a", "2", 20);
        add("a", "3", 30);

        EvaluationSplit split = EvaluationSplit.leaveLastOut("t", events);

        assertThat(split.tests().get(0).context().asOf()).isEqualTo(Instant.ofEpochSecond(1_000_000_030L));
        assertThat(split.training().validation().get(0).context().asOf()).isEqualTo(Instant.ofEpochSecond(1_000_000_020L));
    }

    @Test
    void temporalSplitTestsEachUserOnTheirFirstEventAfterTheCut() {
        for (int i = 0; i < 18; i++) {
            add(i % 2 == 0 ? "a" : "b", "i" + i, i);
        }
        add("a", "late1", 100);
        add("a", "late2", 101);

        EvaluationSplit split = EvaluationSplit.temporal("t", events);

        assertThat(split.summary().cut()).contains(Instant.ofEpochSecond(1_000_000_100L));
        assertThat(split.tests()).hasSize(1);
        ValidationCase test = split.tests().get(0);
        assertThat(test.target().value()).isEqualTo("late1");
        assertThat(test.context().history()).hasSize(9);
        assertThat(split.training().events()).hasSize(16);
        assertThat(split.training().validation()).extracting(c -> c.target().value()).containsExactly("i16", "i17");
        assertThat(split.summary().droppedUsers()).isEqualTo(1);
    }

    @Test
    void coldItemsTestsEveryUsersFirstEventOnEachItemFirstSeenAfterTheCutWithAllEarlierEventsAsHistory() {
        for (int i = 0; i < 36; i++) {
            add(i % 2 == 0 ? "a" : "b", "i" + (i % 6), i);
        }
        add("a", "i1", 100);    // an old item after the cut: not a test
        add("a", "new1", 101);  // a new item: tested, with the old item seen after the cut in its history
        add("b", "new1", 102);  // the same new item for another user: tested too
        add("a", "new1", 103);  // a's second event on it: not tested again
        add("c", "new2", 104);  // a user with no earlier event: not tested

        EvaluationSplit split = EvaluationSplit.coldItems("t", events);

        assertThat(split.summary().cut()).contains(Instant.ofEpochSecond(1_000_000_100L));
        assertThat(split.tests()).extracting(c -> c.context().userId().value() + ":" + c.target().value()).containsExactly("a:new1", "b:new1");
        assertThat(split.tests().get(0).context().history()).hasSize(19).last().extracting(b -> b.itemId().value()).isEqualTo("i1");
        assertThat(split.tests().get(0).context().asOf()).isEqualTo(Instant.ofEpochSecond(1_000_000_101L));
        // Training and validation are the temporal split's: nothing at or after the cut.
        assertThat(split.training().events()).allSatisfy(b -> assertThat(b.occurredAt()).isBefore(Instant.ofEpochSecond(1_000_000_100L)));
        assertThat(split.training().events()).extracting(b -> b.itemId().value()).doesNotContain("new1", "new2");
        assertThat(split.training().catalogue().indexOf(new ItemId("new1"))).isPresent();
        assertThat(split.summary().droppedUsers()).isEqualTo(1);
    }

    @Test
    void temporalCutNeverSplitsATimestamp() {
        for (int i = 0; i < 10; i++) {
            add(i < 5 ? "a" : "b", "i" + i, i < 8 ? i : 50);
        }
        add("a", "x", 50);

        EvaluationSplit split = EvaluationSplit.temporal("t", events);

        assertThat(split.summary().cut()).contains(Instant.ofEpochSecond(1_000_000_050L));
        assertThat(split.tests()).extracting(c -> c.target().value()).containsExactly("x", "i8");
    }

    @Test
    void aDatasetWhereNobodyQualifiesIsRejected() {
        add("a", "1", 10);
        add("b", "2", 20);

        assertThatThrownBy(() -> EvaluationSplit.leaveLastOut("t", events))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("events");
    }
}
