package dev.lethe.domain.interest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.Contribution;
import dev.lethe.domain.model.ScoreBreakdown;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.tenant.TenantKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProfileExplanationTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Catalogue CATALOGUE = Catalogue.of(IntStream.range(0, 12).mapToObj(i -> new ItemId("i" + i)).toList());
    /** Items i0–i5 are jazz, i6–i11 rock; i5 and i6 are both. */
    private static final Function<ItemId, Set<String>> CATEGORIES = item -> {
        int i = Integer.parseInt(item.value().substring(1));
        return i == 5 || i == 6 ? Set.of("jazz", "rock") : i < 6 ? Set.of("jazz") : Set.of("rock");
    };
    private static final ProfileRecommender.Settings SETTINGS = new ProfileRecommender.Settings(ExponentialCurve.ofDays(1),
            ExponentialCurve.ofDays(30), BehaviorWeights.defaults(TenantKind.ECOMMERCE), 3, 50, 1.0, 0.2, 0.05);
    private static int events;

    private static Behavior view(String user, String item, Instant at) {
        return Behavior.of(new EventId("e" + events++), new UserId(user), new ItemId(item), BehaviorType.VIEW, at);
    }

    private static List<Behavior> randomLog(long seed) {
        Random random = new Random(seed);
        List<Behavior> log = new ArrayList<>();
        for (int u = 0; u < 40; u++) {
            for (int e = 0; e < 15; e++) {
                log.add(view("r" + u, "i" + random.nextInt(CATALOGUE.size()), T0.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 20)))));
            }
        }
        return log;
    }

    private static List<Behavior> historyOf(List<Behavior> log, String user) {
        return log.stream().filter(b -> b.userId().value().equals(user)).toList();
    }

    private static int index(String item) {
        return CATALOGUE.indexOf(new ItemId(item)).getAsInt();
    }

    private static int[] everyItem() {
        return IntStream.range(0, CATALOGUE.size()).toArray();
    }

    @Test
    void contributionsAddUpToTheScoreOfEveryItem() {
        assertContributionsAddUp(SETTINGS, 3);
    }

    @Test
    void contributionsAddUpToTheScoreWithTheTunedLastItemComponentToo() {
        assertContributionsAddUp(SETTINGS.withWeights(1.0, 0.2, 0.05, 0.7), 5);
    }

    private static void assertContributionsAddUp(ProfileRecommender.Settings settings, long seed) {
        List<Behavior> log = randomLog(seed);
        ProfileRecommender model = ProfileRecommender.fit("profile", CATALOGUE, log, CATEGORIES, settings);
        Instant asOf = T0.plus(Duration.ofDays(21));
        for (int u = 0; u < 8; u++) {
            ScoringContext context = new ScoringContext(new UserId("r" + u), historyOf(log, "r" + u), asOf);
            double[] scores = new double[CATALOGUE.size()];
            model.score(context, scores);

            List<ScoreBreakdown> why = model.explain(context, everyItem());

            for (int i = 0; i < scores.length; i++) {
                assertThat(why.get(i).score()).isEqualTo(scores[i]);
                assertThat(why.get(i).baseline()).isZero();
                assertThat(why.get(i).total()).as("user r%d item %d", u, i).isCloseTo(scores[i], within(1e-12));
                assertThat(why.get(i).asReasons(3).total()).isCloseTo(scores[i], within(1e-12));
            }
        }
    }

    @Test
    void everyComponentOfTheScoreAppearsAndSharesAddUpToOne() {
        List<Behavior> log = randomLog(4);
        ProfileRecommender model = ProfileRecommender.fit("profile", CATALOGUE, log, CATEGORIES, SETTINGS);
        Instant asOf = T0.plus(Duration.ofDays(20));
        ScoringContext context = new ScoringContext(new UserId("r1"), historyOf(log, "r1"), asOf);

        ScoreBreakdown why = model.explain(context, new int[] {index("i5")}).get(0);

        assertThat(why.contributions()).extracting(Contribution::kind)
                .contains(Contribution.Kind.COOCCURRENCE, Contribution.Kind.CATEGORY, Contribution.Kind.POPULARITY);
        assertThat(why.contributions().stream().mapToDouble(why::share).sum()).isCloseTo(1.0, within(1e-12));
        assertThat(why.contributions()).allSatisfy(c -> assertThat(why.share(c)).isBetween(0.0, 1.0));
        assertThat(why.contributions()).filteredOn(c -> c.kind() == Contribution.Kind.CATEGORY)
                .extracting(c -> c.key().orElseThrow()).containsExactlyInAnyOrder("jazz", "rock");
    }

    @Test
    void reasonsAreListedLargestFirst() {
        List<Behavior> log = randomLog(5);
        ProfileRecommender model = ProfileRecommender.fit("profile", CATALOGUE, log, CATEGORIES, SETTINGS);
        ScoringContext context = new ScoringContext(new UserId("r2"), historyOf(log, "r2"), T0.plus(Duration.ofDays(20)));

        for (ScoreBreakdown why : model.explain(context, everyItem())) {
            List<Double> values = why.asReasons(4).contributions().stream().map(Contribution::value).toList();
            assertThat(values).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        }
    }

    @Test
    void anInterestUnderTheFloorIsNotOfferedAsAReasonButStillCounts() {
        // Everybody views i0 then i1; the user viewed i0 eight days ago: with a 1-day half-life 1/256 of it is left.
        List<Behavior> log = new ArrayList<>();
        for (int u = 0; u < 10; u++) {
            log.add(view("o" + u, "i0", T0.plusSeconds(u)));
            log.add(view("o" + u, "i1", T0.plusSeconds(u + 60)));
        }
        ProfileRecommender model = ProfileRecommender.fit("profile", CATALOGUE, log, i -> Set.of(), SETTINGS);
        Instant asOf = T0.plus(Duration.ofDays(9));
        ScoringContext context = new ScoringContext(new UserId("me"), List.of(view("me", "i0", asOf.minus(Duration.ofDays(8)))), asOf);

        ScoreBreakdown raw = model.explain(context, new int[] {index("i1")}).get(0);
        ScoreBreakdown reasons = raw.asReasons(5);

        Contribution faded = raw.contributions().stream().filter(c -> c.kind() == Contribution.Kind.COOCCURRENCE).findFirst().orElseThrow();
        assertThat(faded.interest().orElseThrow().currentStrength()).isLessThan(ScoreBreakdown.REASON_FLOOR);
        assertThat(reasons.contributions()).noneMatch(c -> c.key().equals(java.util.Optional.of("i0")));
        assertThat(reasons.contributions()).filteredOn(c -> c.kind() == Contribution.Kind.FADED).singleElement()
                .satisfies(c -> assertThat(c.value()).isEqualTo(faded.value()));
        assertThat(reasons.total()).isCloseTo(raw.score(), within(1e-12));
    }

    @Test
    void aPersonalisedItemIsNeverExplainedByAnEmptyList() {
        // Only co-occurrence counts, and only i0–i1 ever co-occurred: every other item scores 0.
        List<Behavior> log = List.of(view("o", "i0", T0), view("o", "i1", T0.plusSeconds(60)));
        ProfileRecommender.Settings cooccurrenceOnly = new ProfileRecommender.Settings(ExponentialCurve.ofDays(1),
                ExponentialCurve.ofDays(30), SETTINGS.weights(), 3, 50, 1.0, 0, 0);
        ProfileRecommender model = ProfileRecommender.fit("profile", CATALOGUE, log, CATEGORIES, cooccurrenceOnly);
        Instant asOf = T0.plus(Duration.ofDays(1));
        ScoringContext context = new ScoringContext(new UserId("me"), List.of(view("me", "i0", asOf.minusSeconds(60))), asOf);

        List<ScoreBreakdown> why = model.explain(context, everyItem());

        assertThat(why).allSatisfy(b -> assertThat(b.asReasons(5).contributions()).isNotEmpty());
        assertThat(why.get(index("i1")).asReasons(5).contributions()).extracting(Contribution::kind).containsExactly(Contribution.Kind.COOCCURRENCE);
        assertThat(why.get(index("i7")).asReasons(5).contributions()).extracting(Contribution::kind).containsExactly(Contribution.Kind.NONE);
    }
}
