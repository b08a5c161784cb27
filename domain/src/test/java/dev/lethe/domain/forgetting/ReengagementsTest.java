package dev.lethe.domain.forgetting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReengagementsTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Map<ItemId, Set<String>> CATEGORIES = Map.of(new ItemId("a"), Set.of("x"), new ItemId("b"), Set.of("x", "y"));

    private static Behavior at(String user, String item, BehaviorType type, long seconds) {
        return Behavior.of(new EventId(user + item + seconds), new UserId(user), new ItemId(item), type, T0.plusSeconds(seconds));
    }

    /** u views a at 0, b at 100, a again at 400 (its last behaviour); v views b once. */
    private static List<Behavior> log() {
        return List.of(at("u", "a", BehaviorType.VIEW, 400), at("u", "a", BehaviorType.CLICK, 0), at("u", "b", BehaviorType.VIEW, 100),
                at("v", "b", BehaviorType.PURCHASE, 50));
    }

    private static List<String> rows(Reengagements r) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) {
            rows.add(r.users().get(r.user(i)) + " " + r.elapsedSeconds(i) + " " + (r.returned(i) ? "returned" : "censored") + " " + r.originType(i));
        }
        return rows;
    }

    @Test
    void eachItemInteractionEndsInAReturnOrIsCensoredAtTheUsersLastBehaviour() {
        Reengagements r = Reengagements.of(log(), CATEGORIES, ReengagementLevel.ITEM);

        assertThat(rows(r)).containsExactlyInAnyOrder(
                "u 400.0 returned CLICK", "u 0.0 censored VIEW", "u 300.0 censored VIEW", "v 0.0 censored PURCHASE");
        assertThat(r.returns()).isEqualTo(1);
    }

    @Test
    void categoryObservationsFollowEveryCategoryOfTheItem() {
        Reengagements r = Reengagements.of(log(), CATEGORIES, ReengagementLevel.CATEGORY);

        assertThat(rows(r)).containsExactlyInAnyOrder(
                "u 100.0 returned CLICK", "u 300.0 returned VIEW", "u 0.0 censored VIEW", "u 300.0 censored VIEW",
                "v 0.0 censored PURCHASE", "v 0.0 censored PURCHASE");
    }

    @Test
    void observationsCanBeSelectedByTheBehaviourTypeThatStartedThem() {
        Reengagements r = Reengagements.of(log(), CATEGORIES, ReengagementLevel.ITEM);

        assertThat(rows(r.startedBy(BehaviorType.CLICK))).containsExactly("u 400.0 returned CLICK");
        assertThat(r.perUser()).hasSize(2);
        assertThat(r.perUser().get(0).size()).isEqualTo(3);
    }
}
