package dev.lethe.domain.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.Contribution;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.ScoreBreakdown;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.model.TrainingData.ValidationCase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class BlendedRecommenderTest {
    private static final int ITEMS = 50;
    private static final Catalogue CATALOGUE = catalogueOf(ITEMS);

    private static Catalogue catalogueOf(int n) {
        List<ItemId> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(new ItemId(Integer.toString(i)));
        }
        return Catalogue.of(ids);
    }

    /** A recommender computing scores from the user id (the test encodes the target in it). */
    private static Recommender model(String name, BiConsumer<Integer, double[]> scorer) {
        return new Recommender() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Catalogue catalogue() {
                return CATALOGUE;
            }

            @Override
            public void score(ScoringContext context, double[] scores) {
                scorer.accept(Integer.parseInt(context.userId().value()), scores);
            }
        };
    }

    private static List<ValidationCase> cases(int n) {
        List<ValidationCase> cases = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            int target = u % ITEMS;
            cases.add(new ValidationCase(new ScoringContext(new UserId(Integer.toString(u)), List.of(), Instant.EPOCH),
                    new ItemId(Integer.toString(target))));
        }
        return cases;
    }

    @Test
    void fitGivesWeightToAComponentThatFindsTheTarget() {
        Random random = new Random(7);
        Recommender noise = model("noise", (u, s) -> {
            Random r = new Random(u);
            for (int i = 0; i < ITEMS; i++) {
                s[i] = r.nextDouble();
            }
        });
        Recommender oracle = model("oracle", (u, s) -> {
            java.util.Arrays.fill(s, 0, ITEMS, 0.0);
            s[u % ITEMS] = 1.0;
        });
        BlendedRecommender blend = BlendedRecommender.fit("blend", List.of(noise, oracle), List.of(BlendedRecommender.Normalisation.Z_SCORE, BlendedRecommender.Normalisation.Z_SCORE), cases(40 + random.nextInt(10)));
        assertThat(blend.components().get(1).weight()).isPositive();
        assertThat(ValidationRanking.meanNdcg(blend, cases(40), 10)).isEqualTo(1.0);
    }

    @Test
    void fitGivesNoWeightToAComponentThatOnlyHurts() {
        Recommender oracle = model("oracle", (u, s) -> {
            java.util.Arrays.fill(s, 0, ITEMS, 0.0);
            s[u % ITEMS] = 1.0;
        });
        Recommender adversary = model("adversary", (u, s) -> {
            java.util.Arrays.fill(s, 0, ITEMS, 1.0);
            s[u % ITEMS] = 0.0;
        });
        BlendedRecommender blend = BlendedRecommender.fit("blend", List.of(oracle, adversary), List.of(BlendedRecommender.Normalisation.Z_SCORE, BlendedRecommender.Normalisation.Z_SCORE), cases(30));
        assertThat(blend.components().get(1).weight()).isLessThan(1.0);
        assertThat(ValidationRanking.meanNdcg(blend, cases(30), 10)).isEqualTo(1.0);
    }

    @Test
    void fitCanDropTheFirstComponentSoTheBlendIsNeverBelowItsBestComponent() {
        // Log-softmax keeps the scale: the loud model's three wrong picks outweigh the oracle at every grid ratio
        // as long as the loud model keeps any weight, so only weight 0 for the first component recovers the oracle.
        Recommender loud = model("loud", (u, s) -> {
            java.util.Arrays.fill(s, 0, ITEMS, 0.0);
            for (int d = 1; d <= 3; d++) {
                s[(u + d) % ITEMS] = 1000.0;
            }
        });
        Recommender oracle = model("oracle", (u, s) -> {
            java.util.Arrays.fill(s, 0, ITEMS, 0.0);
            s[u % ITEMS] = 1.0;
        });
        List<BlendedRecommender.Normalisation> logSoftmax = List.of(BlendedRecommender.Normalisation.LOG_SOFTMAX,
                BlendedRecommender.Normalisation.LOG_SOFTMAX);
        List<ValidationCase> validation = cases(30);
        BlendedRecommender blend = BlendedRecommender.fit("blend", List.of(loud, oracle), logSoftmax, validation);
        assertThat(blend.components().get(0).weight()).isZero();
        assertThat(blend.components().get(1).weight()).isPositive();
        assertThat(ValidationRanking.meanNdcg(oracle, validation, 10)).isEqualTo(1.0);
        assertThat(ValidationRanking.meanNdcg(blend, validation, 10)).isEqualTo(1.0);
        // With the first model's weight held at 1 (the search from the first anchor alone) the oracle cannot win.
        BlendedRecommender held = new BlendedRecommender("held", List.of(new BlendedRecommender.Component(loud, logSoftmax.get(0), 1.0),
                new BlendedRecommender.Component(oracle, logSoftmax.get(1), 8.0)));
        assertThat(ValidationRanking.meanNdcg(held, validation, 10)).isLessThan(0.5);
    }

    @Test
    void theBlendIsNeverBelowAnyOfItsModelsAloneOnValidationNdcgAtTen() {
        for (int seed = 1; seed <= 5; seed++) {
            int salt = seed;
            // Each model puts the target at a seeded depth for some users, between the top 10 and the top 100.
            List<Recommender> models = new ArrayList<>();
            for (int m = 0; m < 3; m++) {
                int which = m;
                models.add(model("m" + m, (u, s) -> {
                    Random r = new Random(31L * u + 7L * which + salt);
                    for (int i = 0; i < ITEMS; i++) {
                        s[i] = r.nextDouble();
                    }
                    if (r.nextInt(3) == which) {
                        s[u % ITEMS] = 0.6 + 0.4 * r.nextDouble();
                    }
                }));
            }
            List<BlendedRecommender.Normalisation> z = List.of(BlendedRecommender.Normalisation.Z_SCORE, BlendedRecommender.Normalisation.Z_SCORE,
                    BlendedRecommender.Normalisation.Z_SCORE);
            List<ValidationCase> validation = cases(45);
            double blend = ValidationRanking.meanNdcg(BlendedRecommender.fit("blend", models, z, validation), validation, 10);
            for (Recommender alone : models) {
                assertThat(blend).as("seed %d, %s", seed, alone.name()).isGreaterThanOrEqualTo(ValidationRanking.meanNdcg(alone, validation, 10));
            }
        }
    }

    @Test
    void standardiseGivesMeanZeroAndUnitDeviation() {
        double[] s = {1, 2, 3, 4};
        BlendedRecommender.standardise(s, 4);
        assertThat(s[0] + s[1] + s[2] + s[3]).isCloseTo(0, within(1e-12));
        assertThat(s[3]).isCloseTo(1.5 / Math.sqrt(1.25), within(1e-12));
    }

    @Test
    void logSoftmaxGivesLogProbabilities() {
        double[] s = {0, Math.log(3)};
        BlendedRecommender.logSoftmax(s, 2);
        assertThat(s[0]).isCloseTo(Math.log(0.25), within(1e-12));
        assertThat(s[1]).isCloseTo(Math.log(0.75), within(1e-12));
    }

    @Test
    void logShareFloorsItemsWithoutMass() {
        double[] s = {3, 1, 0};
        BlendedRecommender.logShare(s, 3);
        assertThat(s[0]).isCloseTo(Math.log(0.75), within(1e-12));
        assertThat(s[2]).isCloseTo(Math.log(BlendedRecommender.Normalisation.SHARE_FLOOR), within(1e-12));
    }

    @Test
    void rejectsComponentsOverDifferentCatalogues() {
        Recommender other = new Recommender() {
            @Override
            public String name() {
                return "other";
            }

            @Override
            public Catalogue catalogue() {
                return catalogueOf(3);
            }

            @Override
            public void score(ScoringContext context, double[] scores) {}
        };
        Recommender mine = model("mine", (u, s) -> {});
        assertThatThrownBy(() -> new BlendedRecommender("b", List.of(
                new BlendedRecommender.Component(mine, BlendedRecommender.Normalisation.Z_SCORE, 1),
                new BlendedRecommender.Component(other, BlendedRecommender.Normalisation.Z_SCORE, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("catalogue");
    }

    /** A model whose score i + 1 is two thirds category "x" and one third popularity. */
    private static Recommender explainedModel() {
        return new Recommender() {
            @Override
            public String name() {
                return "parts";
            }

            @Override
            public Catalogue catalogue() {
                return CATALOGUE;
            }

            @Override
            public void score(ScoringContext context, double[] scores) {
                for (int i = 0; i < ITEMS; i++) {
                    scores[i] = i + 1;
                }
            }

            @Override
            public List<ScoreBreakdown> explain(ScoringContext context, int[] items) {
                List<ScoreBreakdown> result = new ArrayList<>();
                for (int i : items) {
                    result.add(new ScoreBreakdown(i + 1, 0, List.of(Contribution.of(Contribution.Kind.CATEGORY, Optional.of("x"), (i + 1) * 2 / 3.0),
                            Contribution.of(Contribution.Kind.POPULARITY, Optional.empty(), (i + 1) / 3.0))));
                }
                return result;
            }
        };
    }

    @Test
    void explanationSplitsEachComponentsLiftAboveTheMeanAmongItsOwnContributions() {
        Recommender sequence = model("seq", (u, s) -> {
            for (int i = 0; i < ITEMS; i++) {
                s[i] = Math.sin(i);
            }
        });
        BlendedRecommender blend = new BlendedRecommender("blend", List.of(
                new BlendedRecommender.Component(sequence, BlendedRecommender.Normalisation.LOG_SOFTMAX, 0.5),
                new BlendedRecommender.Component(explainedModel(), BlendedRecommender.Normalisation.Z_SCORE, 2)));
        ScoringContext context = new ScoringContext(new UserId("0"), List.of(), Instant.EPOCH);
        double[] scores = new double[ITEMS];
        blend.score(context, scores);

        List<ScoreBreakdown> why = blend.explain(context, new int[] {49, 3});

        for (ScoreBreakdown b : why) {
            assertThat(b.total()).isCloseTo(b.score(), within(1e-9));
        }
        assertThat(why.get(0).score()).isEqualTo(scores[49]);
        ScoreBreakdown top = why.get(0);
        double category = top.contributions().stream().filter(c -> c.kind() == Contribution.Kind.CATEGORY).findFirst().orElseThrow().value();
        double popularity = top.contributions().stream().filter(c -> c.kind() == Contribution.Kind.POPULARITY).findFirst().orElseThrow().value();
        // z-score of item 49 of 1..50 is 1.715; weight 2: a lift of 3.43, split 2:1.
        assertThat(category + popularity).isCloseTo(2 * 24.5 / Math.sqrt((50 * 50 - 1) / 12.0), within(1e-9));
        assertThat(category).isCloseTo(2 * popularity, within(1e-9));
        assertThat(top.contributions()).filteredOn(c -> c.kind() == Contribution.Kind.MODEL).singleElement()
                .satisfies(c -> assertThat(c.key()).contains("seq"));
        assertThat(why.get(1).contributions().stream().filter(c -> c.kind() == Contribution.Kind.CATEGORY).findFirst().orElseThrow().value())
                .isNegative();
    }
}
