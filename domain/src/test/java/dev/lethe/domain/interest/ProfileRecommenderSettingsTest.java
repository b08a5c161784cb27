package dev.lethe.domain.interest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.interest.ProfileRecommender.Direction;
import dev.lethe.domain.interest.ProfileRecommender.Settings;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.tenant.TenantKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The settings that make co-occurrence sequential: direction, distance weighting and the last item's successors. */
class ProfileRecommenderSettingsTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Catalogue CATALOGUE = Catalogue.of(List.of(item("a"), item("b"), item("c"), item("d")));
    private static final BehaviorWeights WEIGHTS = BehaviorWeights.defaults(TenantKind.ECOMMERCE);
    private static int events;

    private static ItemId item(String id) {
        return new ItemId(id);
    }

    private static Behavior view(String user, String item, Instant at) {
        return Behavior.of(new EventId("s" + events++), new UserId(user), item(item), BehaviorType.VIEW, at);
    }

    /** Twenty users each view a, b, c in that order, a minute apart. */
    private static List<Behavior> chains() {
        List<Behavior> log = new ArrayList<>();
        for (int u = 0; u < 20; u++) {
            Instant t = T0.plus(Duration.ofHours(u));
            log.add(view("o" + u, "a", t));
            log.add(view("o" + u, "b", t.plusSeconds(60)));
            log.add(view("o" + u, "c", t.plusSeconds(120)));
        }
        return log;
    }

    private static Settings settings(int window, Direction direction, boolean distanceWeighted, double cooccurrence, double lastItem) {
        return new Settings(ExponentialCurve.ofDays(1), ExponentialCurve.ofDays(30), WEIGHTS, window, 50, cooccurrence, 0, 0,
                direction, distanceWeighted, lastItem);
    }

    private static double[] scores(Settings settings, List<Behavior> history) {
        ProfileRecommender model = ProfileRecommender.fit("profile", CATALOGUE, chains(), i -> Set.of(), settings);
        Instant asOf = T0.plus(Duration.ofDays(2));
        double[] scores = new double[CATALOGUE.size()];
        model.score(new ScoringContext(new UserId("me"), history, asOf), scores);
        return scores;
    }

    @Test
    void forwardCooccurrencePointsOnlyAtWhatCameAfter() {
        Instant t = T0.plus(Duration.ofDays(1));
        double[] symmetric = scores(settings(2, Direction.SYMMETRIC, false, 1, 0), List.of(view("me", "b", t)));
        double[] forward = scores(settings(2, Direction.FORWARD, false, 1, 0), List.of(view("me", "b", t)));

        assertThat(symmetric[0]).isPositive();
        assertThat(forward[0]).isZero();
        assertThat(forward[2]).isPositive();
    }

    @Test
    void distanceWeightingMakesTheNextItemCountMoreThanTheOneAfterIt() {
        Instant t = T0.plus(Duration.ofDays(1));
        double[] unweighted = scores(settings(2, Direction.FORWARD, false, 1, 0), List.of(view("me", "a", t)));
        double[] weighted = scores(settings(2, Direction.FORWARD, true, 1, 0), List.of(view("me", "a", t)));

        assertThat(unweighted[1]).isEqualTo(unweighted[2]);
        assertThat(weighted[1]).isCloseTo(2 * weighted[2], org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void theLastItemsSuccessorsOutrankWhatFollowedAnOlderInterest() {
        Instant t = T0.plus(Duration.ofDays(1));
        // The user viewed b long ago and strongly (three times), a just now: co-occurrence from the profile
        // favours c (after b); the last item's successors favour b (after a).
        List<Behavior> history = List.of(view("me", "b", t.minus(Duration.ofHours(3))), view("me", "b", t.minus(Duration.ofHours(2))),
                view("me", "b", t.minus(Duration.ofHours(1))), view("me", "a", t));
        Settings profileOnly = new Settings(ExponentialCurve.ofDays(30), ExponentialCurve.ofDays(30), WEIGHTS, 1, 50, 1, 0, 0,
                Direction.FORWARD, false, 0);
        double[] fromProfile = scores(profileOnly, history);
        double[] fromLastItem = scores(settings(1, Direction.FORWARD, false, 0, 1), history);

        assertThat(fromProfile[2]).isGreaterThan(fromProfile[1]);
        assertThat(fromLastItem[1]).isPositive();
        assertThat(fromLastItem[2]).isZero();
    }

    @Test
    void theDefaultsRankAsBeforeTheSequentialSettingsExisted() {
        Settings defaults = Settings.defaults(WEIGHTS);

        assertThat(defaults.direction()).isEqualTo(Direction.SYMMETRIC);
        assertThat(defaults.distanceWeighted()).isFalse();
        assertThat(defaults.lastItemWeight()).isZero();
        assertThat(defaults.parameters()).containsEntry("window", 5.0).containsEntry("profileItems", 50.0)
                .containsEntry("cooccurrenceWeight", 1.0).containsEntry("categoryWeight", 0.2).containsEntry("popularityWeight", 0.05)
                .containsEntry("popularityHalfLifeDays", 30.0);
    }

    @Test
    void aNegativeLastItemWeightIsRefused() {
        assertThatThrownBy(() -> settings(1, Direction.FORWARD, false, 1, -0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lastItemWeight");
    }
}
