package dev.lethe.domain.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.interest.BehaviorWeights;
import dev.lethe.domain.interest.ProfileRecommender;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.DecayedPopularity;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.model.TopK;
import dev.lethe.domain.model.TrainingData.ValidationCase;
import dev.lethe.domain.tenant.TenantKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Users read book series volume after volume; each series' titles share a rare name. The last volume
 * of each series has no behaviour: only its text can bring it to the series' readers.
 */
class ContentAffinityTest {
    private static final String[] SERIES = {"aurora", "basalt", "cinder", "dahlia", "ember", "fjord"};
    private static final int VOLUMES = 5;
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static ItemId item(int series, int volume) {
        return new ItemId(SERIES[series] + "-" + volume);
    }

    private static final Map<ItemId, Item> ITEMS = new HashMap<>();
    static {
        for (int s = 0; s < SERIES.length; s++) {
            for (int v = 1; v <= VOLUMES; v++) {
                ITEMS.put(item(s, v), new Item(item(s, v), Set.of(s % 2 == 0 ? "fantasy" : "crime"),
                        Map.of("title", "The " + SERIES[s] + " chronicles volume " + v)));
            }
        }
    }

    /** Each of 4 readers per series reads volumes 1..4 in order, a day apart; readers start at different days. */
    private static List<Behavior> log() {
        List<Behavior> events = new ArrayList<>();
        int n = 0;
        for (int s = 0; s < SERIES.length; s++) {
            for (int r = 0; r < 4; r++) {
                for (int v = 1; v < VOLUMES; v++) {
                    events.add(Behavior.of(new EventId("e" + n++), new UserId(SERIES[s] + "-reader-" + r), item(s, v), BehaviorType.PURCHASE,
                            START.plus(Duration.ofDays(r * 7L + v))));
                }
            }
        }
        events.sort(java.util.Comparator.comparing(Behavior::occurredAt));
        return events;
    }

    private static final Catalogue CATALOGUE = Catalogue.of(ITEMS.keySet());
    private static final List<Behavior> LOG = log();
    private static final ProfileRecommender PROFILE = ProfileRecommender.fit("profile", CATALOGUE, LOG,
            id -> ITEMS.get(id).categories(), ProfileRecommender.Settings.defaults(BehaviorWeights.defaults(TenantKind.ECOMMERCE)));
    private static final ContentNeighbours NEIGHBOURS = ContentIndex.fit(CATALOGUE, id -> Optional.ofNullable(ITEMS.get(id)))
            .neighbours(ContentAffinity.NEIGHBOURS);
    private static final DecayedPopularity COUNTS = DecayedPopularity.fit("pop", CATALOGUE, Optional.empty(), LOG);

    private static ScoringContext readerOf(int series) {
        UserId user = new UserId(SERIES[series] + "-reader-3");
        return new ScoringContext(user, LOG.stream().filter(b -> b.userId().equals(user)).toList(), START.plus(Duration.ofDays(40)));
    }

    private static int rankOf(ContentAffinity model, ScoringContext context, ItemId target) {
        double[] scores = new double[CATALOGUE.size()];
        model.score(context, scores);
        BitSet consumed = new BitSet();
        context.history().forEach(b -> consumed.set(CATALOGUE.indexOf(b.itemId()).getAsInt()));
        return TopK.rankOf(scores, CATALOGUE.indexOf(target).getAsInt(), consumed);
    }

    @Test
    void withBothWeightsZeroItScoresExactlyLikeTheProfile() {
        ContentAffinity plain = new ContentAffinity("profile-content", PROFILE, NEIGHBOURS, COUNTS, 0, 0);
        double[] expected = new double[CATALOGUE.size()];
        double[] actual = new double[CATALOGUE.size()];

        PROFILE.score(readerOf(2), expected);
        plain.score(readerOf(2), actual);

        assertThat(actual).containsExactly(expected);
    }

    @Test
    void aNewItemReachesTheReadersWhoseInterestsItsTextResemblesOnlyThroughTheNewItemWeight() {
        ContentAffinity without = new ContentAffinity("profile-content", PROFILE, NEIGHBOURS, COUNTS, 0.3, 0);
        ContentAffinity with = new ContentAffinity("profile-content", PROFILE, NEIGHBOURS, COUNTS, 0.3, 2);

        for (int s = 0; s < SERIES.length; s++) {
            ItemId next = item(s, VOLUMES);
            assertThat(rankOf(with, readerOf(s), next)).as("series %s", SERIES[s]).isZero();
            assertThat(rankOf(without, readerOf(s), next)).as("series %s", SERIES[s]).isGreaterThan(0);
        }
    }

    @Test
    void withCreationTimesOnlyRecentArrivalsAreNewAndAnItemCreatedLaterGetsNoContentPart() {
        Instant asOf = readerOf(0).asOf();
        Map<ItemId, Instant> created = Map.of(
                item(0, VOLUMES), asOf.minus(Duration.ofDays(1)),   // arrived yesterday: new
                item(1, VOLUMES), asOf.minus(Duration.ofDays(40)),  // untouched, but in the catalogue for 40 days: not new
                item(2, VOLUMES), asOf.plus(Duration.ofDays(1)));   // not in the catalogue yet
        ContentAffinity model = new ContentAffinity("profile-content", PROFILE, NEIGHBOURS, COUNTS, 0.3, 2,
                id -> Optional.ofNullable(created.get(id)), 7);
        ContentAffinity without = new ContentAffinity("profile-content", PROFILE, NEIGHBOURS, COUNTS, 0.3, 0);

        assertThat(rankOf(model, readerOf(0), item(0, VOLUMES))).isZero();
        int old = CATALOGUE.indexOf(item(1, VOLUMES)).getAsInt();
        double[] withTimes = new double[CATALOGUE.size()];
        double[] plain = new double[CATALOGUE.size()];
        model.score(readerOf(1), withTimes);
        without.score(readerOf(1), plain);
        assertThat(withTimes[old]).isPositive().isEqualTo(plain[old]);
        assertThat(rankOf(model, readerOf(1), item(1, VOLUMES))).isGreaterThan(0);
        // Items without a creation time keep the rule of no behaviour yet.
        assertThat(rankOf(model, readerOf(3), item(3, VOLUMES))).isZero();
        double[] scores = new double[CATALOGUE.size()];
        double[] profile = new double[CATALOGUE.size()];
        model.score(readerOf(2), scores);
        PROFILE.score(readerOf(2), profile);
        int later = CATALOGUE.indexOf(item(2, VOLUMES)).getAsInt();
        assertThat(scores[later]).isEqualTo(profile[later]);
        assertThat(model.fittedParameters()).containsEntry("newItemDays", 7.0);
    }

    @Test
    void explanationsAddUpToTheScoreAndNameTheUsersItemsThatANewItemsTextResembles() {
        ContentAffinity model = new ContentAffinity("profile-content", PROFILE, NEIGHBOURS, COUNTS, 0.3, 2);
        ScoringContext context = readerOf(1);
        double[] scores = new double[CATALOGUE.size()];
        model.score(context, scores);
        int next = CATALOGUE.indexOf(item(1, VOLUMES)).getAsInt();
        int[] all = java.util.stream.IntStream.range(0, CATALOGUE.size()).toArray();

        List<dev.lethe.domain.model.ScoreBreakdown> explained = model.explain(context, all);

        for (int i : all) {
            assertThat(explained.get(i).score()).isCloseTo(scores[i], org.assertj.core.api.Assertions.within(1e-9));
            assertThat(explained.get(i).total()).isCloseTo(scores[i] - explained.get(i).baseline(), org.assertj.core.api.Assertions.within(1e-9));
        }
        assertThat(explained.get(next).contributions()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.kind()).isEqualTo(dev.lethe.domain.model.Contribution.Kind.CONTENT);
            assertThat(c.key().orElseThrow()).startsWith(SERIES[1] + "-");
        });
    }

    @Test
    void firstEventsAreEachItemsFirstBehaviourAsOfItWithTheUsersEarlierOnes() {
        List<ValidationCase> cases = ContentAffinity.firstEvents(LOG, 100);

        // Volume 1 of each series is every first reader's first behaviour (no history): not a case.
        assertThat(cases).hasSize(SERIES.length * (VOLUMES - 2));
        for (ValidationCase c : cases) {
            assertThat(c.context().history()).isNotEmpty().allSatisfy(b -> assertThat(b.occurredAt()).isBefore(c.context().asOf()));
            assertThat(LOG.stream().filter(b -> b.itemId().equals(c.target())).map(Behavior::occurredAt).min(Instant::compareTo))
                    .contains(c.context().asOf());
        }
        assertThat(ContentAffinity.firstEvents(LOG, 5)).hasSize(5).last().isEqualTo(cases.get(cases.size() - 1));
        assertThat(ContentAffinity.newItemShare(LOG)).isEqualTo(SERIES.length * (VOLUMES - 1) / (double) LOG.size());
    }

    @Test
    void theFitChoosesTheBestObjectiveOfTheGridAndNeverLosesToThePlainProfile() {
        List<ValidationCase> validation = new ArrayList<>();
        for (int s = 0; s < SERIES.length; s++) {
            validation.add(new ValidationCase(readerOf(s), item(s, VOLUMES)));
        }
        List<ValidationCase> first = ContentAffinity.firstEvents(LOG, 500);
        List<ValidationCase> enough = new ArrayList<>(first);
        while (enough.size() < ContentAffinity.MIN_FIRST_EVENT_CASES) {
            enough.addAll(first);
        }

        ContentAffinity.Fit fit = ContentAffinity.fit("profile-content", PROFILE, NEIGHBOURS, COUNTS, validation, enough, 0.2, 10);

        double chosen = fit.objective()[indexOf(ContentAffinity.WEIGHT_GRID, fit.model().weight())][indexOf(ContentAffinity.NEW_ITEM_GRID,
                fit.model().newItemWeight())];
        for (double[] row : fit.objective()) {
            for (double value : row) {
                assertThat(chosen).isGreaterThanOrEqualTo(value);
            }
        }
        assertThat(chosen).isGreaterThan(fit.objective()[0][0]);
        assertThat(fit.model().newItemWeight()).isPositive();
        assertThat(fit.model().fittedParameters()).containsKeys("contentWeight", "newItemContentWeight");
    }

    @Test
    void withTooFewFirstEventsTheNewItemWeightStaysZero() {
        List<ValidationCase> validation = List.of(new ValidationCase(readerOf(0), item(0, VOLUMES)));

        ContentAffinity.Fit fit = ContentAffinity.fit("profile-content", PROFILE, NEIGHBOURS, COUNTS, validation,
                ContentAffinity.firstEvents(LOG, 3), 0.5, 10);

        assertThat(fit.model().newItemWeight()).isZero();
        assertThat(fit.newItemShare()).isZero();
    }

    private static int indexOf(double[] grid, double value) {
        for (int i = 0; i < grid.length; i++) {
            if (grid[i] == value) {
                return i;
            }
        }
        throw new AssertionError(value + " is not on the grid");
    }
}
