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
import dev.lethe.domain.model.TopK;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingListener;
import dev.lethe.domain.tenant.TenantKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ProfileRecommenderTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Catalogue CATALOGUE = Catalogue.of(List.of(item("a"), item("b"), item("c"), item("d"), item("e"), item("f")));
    private static final Function<ItemId, Set<String>> NO_CATEGORIES = i -> Set.of();
    private static final ProfileRecommender.Settings SETTINGS = new ProfileRecommender.Settings(ExponentialCurve.ofDays(1),
            ExponentialCurve.ofDays(30), BehaviorWeights.defaults(TenantKind.ECOMMERCE), 1, 50, 1.0, 0.5, 0.01);
    private static int events;

    private static ItemId item(String id) {
        return new ItemId(id);
    }

    private static Behavior view(String user, String item, Instant at) {
        return Behavior.of(new EventId("e" + events++), new UserId(user), item(item), BehaviorType.VIEW, at);
    }

    /** Ten users each view a then b, and c then d, a day apart; f is popular on its own. */
    private static List<Behavior> training() {
        List<Behavior> log = new ArrayList<>();
        for (int u = 0; u < 10; u++) {
            Instant t = T0.plus(Duration.ofHours(u));
            log.add(view("o" + u, "a", t));
            log.add(view("o" + u, "b", t.plusSeconds(60)));
            log.add(view("o" + u, "c", t.plus(Duration.ofDays(1))));
            log.add(view("o" + u, "d", t.plus(Duration.ofDays(1)).plusSeconds(60)));
            log.add(view("p" + u, "f", t));
        }
        return log;
    }

    private static int best(ProfileRecommender model, ScoringContext context) {
        double[] scores = new double[CATALOGUE.size()];
        model.score(context, scores);
        BitSet consumed = new BitSet();
        context.history().forEach(b -> consumed.set(CATALOGUE.indexOf(b.itemId()).getAsInt()));
        return TopK.select(scores, 1, consumed)[0];
    }

    @Test
    void itemsWithoutCategoriesAreRankedByCooccurrenceWithTheProfile() {
        ProfileRecommender model = ProfileRecommender.fit("profile", CATALOGUE, training(), NO_CATEGORIES, SETTINGS);
        Instant asOf = T0.plus(Duration.ofDays(10));
        ScoringContext context = new ScoringContext(new UserId("me"), List.of(view("me", "a", asOf.minusSeconds(10))), asOf);

        assertThat(CATALOGUE.item(best(model, context))).isEqualTo(item("b"));
    }

    @Test
    void theRecentInterestOutranksTheForgottenOne() {
        ProfileRecommender model = ProfileRecommender.fit("profile", CATALOGUE, training(), NO_CATEGORIES, SETTINGS);
        Instant asOf = T0.plus(Duration.ofDays(30));
        ScoringContext context = new ScoringContext(new UserId("me"),
                List.of(view("me", "a", asOf.minus(Duration.ofDays(15))), view("me", "c", asOf.minusSeconds(60))), asOf);

        assertThat(CATALOGUE.item(best(model, context))).isEqualTo(item("d"));
    }

    @Test
    void aUsersOwnCurveDecidesWhichInterestIsStillAlive() {
        ProfileRecommender model = ProfileRecommender.fit("profile", CATALOGUE, training(), NO_CATEGORIES, SETTINGS);
        Instant asOf = T0.plus(Duration.ofDays(30));
        ScoringContext context = new ScoringContext(new UserId("me"), List.of(
                Behavior.of(new EventId("p"), new UserId("me"), item("a"), BehaviorType.PURCHASE, asOf.minus(Duration.ofDays(15))),
                view("me", "d", asOf.minus(Duration.ofDays(1)))), asOf);

        ProfileRecommender slowForgetter = model.withUserCurves(Map.of(new UserId("me"), ExponentialCurve.ofDays(365)));

        assertThat(CATALOGUE.item(best(model, context))).isEqualTo(item("c"));
        assertThat(CATALOGUE.item(best(slowForgetter, context))).isEqualTo(item("b"));
    }

    @Test
    void trainingBehaviourAtOrAfterAsOfDoesNotChangeAnyScore() {
        Instant asOf = T0.plus(Duration.ofDays(3));
        List<Behavior> withFuture = new ArrayList<>(training());
        for (int u = 0; u < 50; u++) {
            withFuture.add(view("late" + u, "a", asOf.plusSeconds(u)));
            withFuture.add(view("late" + u, "e", asOf.plusSeconds(u + 1)));
        }
        ScoringContext context = new ScoringContext(new UserId("me"), List.of(view("me", "a", asOf.minusSeconds(5))), asOf);
        double[] without = new double[CATALOGUE.size()];
        double[] with = new double[CATALOGUE.size()];

        ProfileRecommender.fit("profile", CATALOGUE, training(), NO_CATEGORIES, SETTINGS).score(context, without);
        ProfileRecommender.fit("profile", CATALOGUE, withFuture, NO_CATEGORIES, SETTINGS).score(context, with);

        assertThat(with).containsExactly(without, within(1e-12));
    }

    @Test
    void categoryAffinityRanksAnUnseenItemOfTheUsersCategory() {
        Map<ItemId, Set<String>> categories = Map.of(item("e"), Set.of("jazz"), item("f"), Set.of("rock"), item("a"), Set.of("jazz"));
        ProfileRecommender.Settings categoriesOnly = new ProfileRecommender.Settings(ExponentialCurve.ofDays(1), ExponentialCurve.ofDays(30),
                SETTINGS.weights(), 1, 50, 0.0, 1.0, 0.0);
        List<Behavior> log = new ArrayList<>(training());
        log.add(view("x", "e", T0));
        ProfileRecommender model = ProfileRecommender.fit("profile", CATALOGUE, log, i -> categories.getOrDefault(i, Set.of()), categoriesOnly);
        Instant asOf = T0.plus(Duration.ofDays(2));
        ScoringContext context = new ScoringContext(new UserId("me"), List.of(view("me", "a", asOf.minusSeconds(5))), asOf);

        assertThat(CATALOGUE.item(best(model, context))).isEqualTo(item("e"));
    }

    @Test
    void explanationNamesTheCooccurringInterestWithItsOriginalAndCurrentStrength() {
        ProfileRecommender model = ProfileRecommender.fit("profile", CATALOGUE, training(), NO_CATEGORIES, SETTINGS);
        Instant asOf = T0.plus(Duration.ofDays(10));
        ScoringContext context = new ScoringContext(new UserId("me"), List.of(view("me", "a", asOf.minus(Duration.ofDays(1)))), asOf);

        ScoreBreakdown why = model.explain(context, new int[] {CATALOGUE.indexOf(item("b")).getAsInt()}).get(0);

        assertThat(why.contributions()).filteredOn(c -> c.kind() == Contribution.Kind.COOCCURRENCE).singleElement().satisfies(c -> {
            assertThat(c.key()).contains("a");
            assertThat(c.interest().orElseThrow().originalStrength()).isEqualTo(1.0);
            assertThat(c.interest().orElseThrow().currentStrength()).isCloseTo(0.5, within(1e-9));
        });
    }

    @Test
    void trainerIsNamedProfileAndFitsTheProfileCurveFromTheTrainingBehaviours() {
        List<Behavior> log = new ArrayList<>();
        java.util.Random random = new java.util.Random(1);
        for (int u = 0; u < 40; u++) {
            Instant t = T0;
            for (int k = 0; k < 30; k++) {
                t = t.plusSeconds(60 + random.nextInt(7200));
                log.add(view("u" + u, List.of("a", "b", "c").get(random.nextInt(3)), t));
            }
        }
        var trainer = ProfileRecommender.trainer(NO_CATEGORIES, SETTINGS);

        ProfileRecommender model = (ProfileRecommender) trainer.train(new TrainingData(CATALOGUE, log, List.of()), TrainingListener.SILENT);

        assertThat(trainer.name()).isEqualTo("profile");
        assertThat(model.settings().profileCurve()).isNotEqualTo(SETTINGS.profileCurve());
    }

    /** A random log over the catalogue: many users, long sequences, categories on some items. */
    private static List<Behavior> randomLog(long seed, int users, int length) {
        java.util.Random random = new java.util.Random(seed);
        List<Behavior> log = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            for (int e = 0; e < length; e++) {
                log.add(view("r" + u, CATALOGUE.item(random.nextInt(CATALOGUE.size())).value(),
                        T0.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 30)))));
            }
        }
        return log;
    }

    @Test
    void servedFromCompactNeighboursItScoresLikeTheFittedModelAsOfAnyLaterMoment() {
        Function<ItemId, Set<String>> categories = i -> i.value().compareTo("c") < 0 ? Set.of("early") : Set.of("late");
        List<Behavior> log = randomLog(7, 30, 20);
        ProfileRecommender fitted = ProfileRecommender.fit("profile", CATALOGUE, log, categories, SETTINGS);
        CompactNeighbours compact = fitted.compactNeighbours(CATALOGUE.size());
        ProfileRecommender served = ProfileRecommender.serving("profile", CATALOGUE, SETTINGS, compact, fitted.popularity(),
                ProfileRecommender.CategoryIndex.of(CATALOGUE, categories));
        Instant asOf = T0.plus(Duration.ofDays(31));
        for (int u = 0; u < 5; u++) {
            List<Behavior> history = new ArrayList<>();
            for (Behavior b : log) {
                if (b.userId().value().equals("r" + u)) {
                    history.add(b);
                }
            }
            ScoringContext context = new ScoringContext(new UserId("r" + u), history, asOf);
            double[] expected = new double[CATALOGUE.size()];
            double[] actual = new double[CATALOGUE.size()];
            fitted.score(context, expected);
            served.score(context, actual);
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).isCloseTo(expected[i], within(1e-12));
            }
            int[] top = TopK.select(expected, 3, null);
            List<ScoreBreakdown> servedWhy = served.explain(context, top);
            List<ScoreBreakdown> fittedWhy = fitted.explain(context, top);
            for (int t = 0; t < top.length; t++) {
                assertThat(servedWhy.get(t).contributions()).extracting(Contribution::kind, Contribution::key, Contribution::interest)
                        .isEqualTo(fittedWhy.get(t).contributions().stream().map(c -> org.assertj.core.groups.Tuple.tuple(c.kind(), c.key(), c.interest())).toList());
                for (int c = 0; c < servedWhy.get(t).contributions().size(); c++) {
                    assertThat(servedWhy.get(t).contributions().get(c).value()).isCloseTo(fittedWhy.get(t).contributions().get(c).value(), within(1e-12));
                }
            }
        }
    }

    @Test
    void compactNeighboursKeepTheStrongestAndTheirFullShares() {
        // Each of ten users views a then b; one user views a then c: b co-occurs with a 10 times, c once.
        List<Behavior> log = new ArrayList<>();
        for (int u = 0; u < 10; u++) {
            log.add(view("k" + u, "a", T0.plusSeconds(u * 10)));
            log.add(view("k" + u, "b", T0.plusSeconds(u * 10 + 1)));
        }
        log.add(view("k-odd", "a", T0.plusSeconds(500)));
        log.add(view("k-odd", "c", T0.plusSeconds(501)));
        ProfileRecommender fitted = ProfileRecommender.fit("profile", CATALOGUE, log, NO_CATEGORIES, SETTINGS);
        CompactNeighbours top1 = fitted.compactNeighbours(1);
        int a = CATALOGUE.indexOf(item("a")).getAsInt();
        assertThat(top1.share(a, CATALOGUE.indexOf(item("b")).getAsInt(), Long.MAX_VALUE)).isCloseTo(10 / 11.0, within(1e-12));
        assertThat(top1.share(a, CATALOGUE.indexOf(item("c")).getAsInt(), Long.MAX_VALUE)).isZero();
        assertThat(top1.entries()).isLessThanOrEqualTo(CATALOGUE.size());
        assertThat(top1.knownAtMillis()).isEqualTo(T0.plusSeconds(501).toEpochMilli());
    }
}
