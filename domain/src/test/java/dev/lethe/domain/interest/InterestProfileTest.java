package dev.lethe.domain.interest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.forgetting.PowerLawCurve;
import dev.lethe.domain.tenant.TenantKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InterestProfileTest {
    private static final UserId USER = new UserId("u1");
    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    private static final BehaviorWeights WEIGHTS = BehaviorWeights.defaults(TenantKind.ECOMMERCE);
    private static final Map<ItemId, Set<String>> CATEGORIES = Map.of(
            new ItemId("shoe"), Set.of("shoes", "sport"),
            new ItemId("ball"), Set.of("sport"),
            new ItemId("book"), Set.of("books"));

    private static int events;

    private static Behavior behavior(String item, BehaviorType type, Instant at) {
        return Behavior.of(new EventId("e" + events++), USER, new ItemId(item), type, at);
    }

    private static InterestProfile profile(DecayKernel kernel) {
        return new InterestProfile(USER, kernel, WEIGHTS, item -> CATEGORIES.getOrDefault(item, Set.of()));
    }

    @Test
    void decayedWeightHalvesAfterOneHalfLife() {
        InterestProfile profile = profile(DecayKernel.of(ExponentialCurve.ofDays(7)));
        profile.record(behavior("shoe", BehaviorType.PURCHASE, T0));

        Interest<ItemId> now = profile.item(new ItemId("shoe"), T0).orElseThrow();
        Interest<ItemId> later = profile.item(new ItemId("shoe"), T0.plus(Duration.ofDays(7))).orElseThrow();

        assertThat(now.currentStrength()).isCloseTo(8.0, within(1e-9));
        assertThat(later.currentStrength()).isCloseTo(4.0, within(1e-9));
        assertThat(later.originalStrength()).isEqualTo(8.0);
    }

    @Test
    void lazyDecayEqualsTheSumOfEachBehavioursDecayedWeight() {
        PowerLawCurve curve = new PowerLawCurve(0.6, 3600);
        InterestProfile profile = profile(DecayKernel.of(curve));
        Random random = new Random(3);
        List<Instant> times = new ArrayList<>();
        Instant t = T0;
        for (int i = 0; i < 50; i++) {
            t = t.plusSeconds(random.nextInt(5 * 86_400));
            times.add(t);
            profile.record(behavior("ball", BehaviorType.VIEW, t));
        }
        Instant asOf = t.plus(Duration.ofDays(3));

        double expected = times.stream().mapToDouble(at -> curve.retention(Duration.between(at, asOf))).sum();

        assertThat(profile.itemStrength(new ItemId("ball"), asOf)).isCloseTo(expected, within(0.02 * expected));
        assertThat(profile.categoryStrength("sport", asOf)).isCloseTo(expected, within(0.02 * expected));
    }

    @Test
    void recordingABehaviourChangesOnlyItsItemAndItsCategories() {
        InterestProfile profile = profile(DecayKernel.of(ExponentialCurve.ofDays(7)));
        profile.record(behavior("book", BehaviorType.CLICK, T0));
        double bookBefore = profile.itemStrength(new ItemId("book"), T0.plusSeconds(60));

        profile.record(behavior("shoe", BehaviorType.VIEW, T0.plusSeconds(60)));

        assertThat(profile.itemStrength(new ItemId("book"), T0.plusSeconds(60))).isEqualTo(bookBefore);
        assertThat(profile.topCategories(T0.plusSeconds(60), 10)).extracting(Interest::key).containsExactlyInAnyOrder("shoes", "sport", "books");
        assertThat(profile.topItems(T0.plusSeconds(60), 10)).hasSize(2);
    }

    @Test
    void lateBehaviourCountsAsIfRecordedInOrder() {
        DecayKernel kernel = DecayKernel.of(ExponentialCurve.ofDays(2));
        InterestProfile inOrder = profile(kernel);
        InterestProfile shuffled = profile(kernel);
        Behavior early = behavior("shoe", BehaviorType.CLICK, T0);
        Behavior late = behavior("shoe", BehaviorType.PURCHASE, T0.plus(Duration.ofDays(1)));
        inOrder.record(early);
        inOrder.record(late);
        shuffled.record(late);
        shuffled.record(early);
        Instant asOf = T0.plus(Duration.ofDays(5));

        assertThat(shuffled.itemStrength(new ItemId("shoe"), asOf)).isCloseTo(inOrder.itemStrength(new ItemId("shoe"), asOf), within(1e-12));
    }

    @Test
    void topCategoriesRankByCurrentStrengthNotByOriginal() {
        InterestProfile profile = profile(DecayKernel.of(ExponentialCurve.ofDays(1)));
        profile.record(behavior("book", BehaviorType.PURCHASE, T0));
        profile.record(behavior("ball", BehaviorType.VIEW, T0.plus(Duration.ofDays(10))));
        Instant asOf = T0.plus(Duration.ofDays(10));

        List<Interest<String>> top = profile.topCategories(asOf, 2);

        assertThat(top).extracting(Interest::key).containsExactly("sport", "books");
        assertThat(top.get(1).originalStrength()).isGreaterThan(top.get(0).originalStrength());
        assertThat(top.get(1).retained()).isCloseTo(Math.pow(2, -10), within(1e-9));
    }

    @Test
    void explanationNamesTheCandidatesCategoriesTheUserStillCaresAbout() {
        InterestProfile profile = profile(DecayKernel.of(ExponentialCurve.ofDays(30)));
        profile.record(behavior("ball", BehaviorType.PURCHASE, T0));
        profile.record(behavior("book", BehaviorType.VIEW, T0));

        List<Interest<String>> reasons = profile.explain(new ItemId("shoe"), T0.plus(Duration.ofDays(30)), 5);

        assertThat(reasons).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("sport");
            assertThat(r.originalStrength()).isEqualTo(8.0);
            assertThat(r.currentStrength()).isCloseTo(4.0, within(1e-9));
        });
    }

    @Test
    void readingBeforeTheLatestBehaviourIsRefused() {
        InterestProfile profile = profile(DecayKernel.of(ExponentialCurve.ofDays(7)));
        profile.record(behavior("shoe", BehaviorType.VIEW, T0));

        assertThatThrownBy(() -> profile.topItems(T0.minusSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("asOf");
    }

    @Test
    void anotherUsersBehaviourIsRejected() {
        InterestProfile profile = profile(DecayKernel.of(ExponentialCurve.ofDays(7)));

        assertThatThrownBy(() -> profile.record(Behavior.of(new EventId("x"), new UserId("other"), new ItemId("shoe"), BehaviorType.VIEW, T0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("userId");
    }

    @Test
    void aProfileBuiltForOneMomentHasTheStrengthsOfTheUpdatableOneThen() {
        DecayKernel kernel = DecayKernel.of(new PowerLawCurve(0.4, 3600));
        Random random = new Random(5);
        List<Behavior> history = new ArrayList<>();
        Instant t = T0;
        String[] items = {"shoe", "ball", "book", "hat"};
        BehaviorType[] types = {BehaviorType.VIEW, BehaviorType.CLICK, BehaviorType.PURCHASE};
        for (int i = 0; i < 60; i++) {
            t = t.plusSeconds(random.nextInt(3 * 86_400));
            history.add(behavior(items[random.nextInt(items.length)], types[random.nextInt(types.length)], t));
        }
        Instant asOf = t.plus(Duration.ofDays(2));
        InterestProfile updatable = InterestProfile.of(USER, history, kernel, WEIGHTS, item -> CATEGORIES.getOrDefault(item, Set.of()));
        InterestProfile fixed = InterestProfile.asOf(USER, history, kernel, WEIGHTS, item -> CATEGORIES.getOrDefault(item, Set.of()), asOf);

        List<Interest<ItemId>> expectedItems = updatable.topItems(asOf, 10);
        List<Interest<ItemId>> actualItems = fixed.topItems(asOf, 10);
        assertThat(actualItems).extracting(Interest::key).containsExactlyElementsOf(expectedItems.stream().map(Interest::key).toList());
        for (int i = 0; i < expectedItems.size(); i++) {
            Interest<ItemId> e = expectedItems.get(i);
            Interest<ItemId> a = actualItems.get(i);
            assertThat(a.currentStrength()).isCloseTo(e.currentStrength(), within(1e-9 * e.currentStrength()));
            assertThat(a.originalStrength()).isEqualTo(e.originalStrength());
            assertThat(a.behaviours()).isEqualTo(e.behaviours());
            assertThat(a.firstSeen()).isEqualTo(e.firstSeen());
            assertThat(a.lastSeen()).isEqualTo(e.lastSeen());
        }
        for (String category : List.of("shoes", "sport", "books", "none")) {
            assertThat(fixed.categoryStrength(category, asOf)).isCloseTo(updatable.categoryStrength(category, asOf),
                    within(1e-9 * Math.max(1, updatable.categoryStrength(category, asOf))));
        }
        assertThat(fixed.category("sport", asOf).orElseThrow().behaviours()).isEqualTo(updatable.category("sport", asOf).orElseThrow().behaviours());
    }

    @Test
    void aProfileBuiltForOneMomentRefusesOtherMomentsAndLaterBehaviours() {
        DecayKernel kernel = DecayKernel.of(ExponentialCurve.ofDays(7));
        Instant asOf = T0.plus(Duration.ofDays(1));
        InterestProfile fixed = InterestProfile.asOf(USER, List.of(behavior("shoe", BehaviorType.VIEW, T0)), kernel, WEIGHTS,
                item -> CATEGORIES.getOrDefault(item, Set.of()), asOf);

        assertThat(fixed.itemStrength(new ItemId("shoe"), asOf)).isCloseTo(Math.pow(2, -1.0 / 7), within(1e-12));
        assertThatThrownBy(() -> fixed.itemStrength(new ItemId("shoe"), asOf.plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only");
        assertThatThrownBy(() -> fixed.record(behavior("ball", BehaviorType.VIEW, asOf.plusMillis(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("later behaviour");
    }
}
