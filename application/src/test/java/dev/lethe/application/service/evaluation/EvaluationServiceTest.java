package dev.lethe.application.service.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lethe.application.port.in.DiversityTradeOff;
import dev.lethe.application.port.in.EvaluationListener;
import dev.lethe.application.port.in.EvaluationProtocol;
import dev.lethe.application.port.in.EvaluationQuery;
import dev.lethe.application.port.in.EvaluationReport;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.ModelTrainer;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingListener;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EvaluationServiceTest {
    private final List<Behavior> events = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    private void add(String user, String item, long second) {
        events.add(Behavior.of(new EventId("e" + events.size()), new UserId(user), new ItemId(item), BehaviorType.VIEW,
                Instant.ofEpochSecond(1_000_000_000L + second)));
    }

    /** Scores every item by its id: 9 > 8 > ... > 1, whatever the user. */
    private static final class ById implements ModelTrainer {
        @Override
        public String name() {
            return "by-id";
        }

        @Override
        public Recommender train(TrainingData data, TrainingListener listener) {
            return new Recommender() {
                @Override
                public String name() {
                    return "by-id";
                }

                @Override
                public Catalogue catalogue() {
                    return data.catalogue();
                }

                @Override
                public void score(ScoringContext context, double[] scores) {
                    for (int i = 0; i < scores.length; i++) {
                        scores[i] = Double.parseDouble(data.catalogue().item(i).value());
                    }
                }
            };
        }
    }

    @Test
    void ranksTheFullCatalogueExcludingHistoryAndCountsAConsumedTargetAsAMiss() {
        // a: history 1,2 -> target 9 is ranked first.
        add("a", "1", 1);
        add("a", "2", 2);
        add("a", "9", 3);
        // b: history 9,8 -> target 7 is ranked first once 9 and 8 are excluded.
        add("b", "9", 1);
        add("b", "8", 2);
        add("b", "7", 3);
        // c: target 5 was already consumed -> a miss, though its score would place it well.
        add("c", "5", 1);
        add("c", "3", 2);
        add("c", "5", 3);
        EvaluationService service = new EvaluationService(new ModelCatalog(List.of(new ById())), clock);

        EvaluationReport report = service.evaluate(
                new EvaluationQuery("t", events, EvaluationProtocol.LEAVE_LAST_OUT, List.of("by-id"), 2), EvaluationListener.SILENT);

        EvaluationReport.ModelResult result = report.models().get(0);
        assertThat(result.metrics().users()).isEqualTo(3);
        assertThat(result.metrics().hitRate()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(result.metrics().mrr()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(report.dataset().items()).isEqualTo(7);
    }

    @Test
    void popularityIsCountedAsOfEachTestEvent() {
        // Item 4 is the most popular unseen item as of a's test moment; 5 overtakes it only later.
        add("x", "4", 0);
        add("y", "4", 1);
        add("a", "1", 2);
        add("a", "2", 3);
        add("a", "4", 4);
        for (int i = 0; i < 3; i++) {
            add("z" + i, "5", 10 + i);
            add("z" + i, "6", 20 + i);
            add("z" + i, "7", 30 + i);
        }
        add("x", "8", 40);
        add("x", "9", 41);
        add("y", "8", 42);
        add("y", "9", 43);
        EvaluationService service = new EvaluationService(ModelCatalog.baselines(), clock);

        EvaluationReport report = service.evaluate(
                new EvaluationQuery("t", events, EvaluationProtocol.LEAVE_LAST_OUT, List.of("pop", "pop-all"), 1),
                EvaluationListener.SILENT);

        // 6 users tested; only a's target (4) is the top unseen item, and only as of a's moment.
        assertThat(report.models().get(0).metrics().users()).isEqualTo(6);
        assertThat(report.models().get(0).metrics().hitRate()).as("pop as of").isCloseTo(1.0 / 6, within(1e-12));
        assertThat(report.models().get(1).metrics().hitRate()).as("pop over all training data").isZero();
    }

    @Test
    void reportsProgressForEveryModel() {
        for (int u = 0; u < 5; u++) {
            for (int i = 0; i < 4; i++) {
                add("u" + u, Integer.toString(i + u), i);
            }
        }
        List<String> started = new ArrayList<>();
        List<Long> scored = new ArrayList<>();
        EvaluationListener listener = new EvaluationListener() {
            @Override
            public void modelStarted(String model, int index, int count) {
                started.add(model + " " + index + "/" + count);
            }

            @Override
            public void progress(String model, String phase, long done, long total, String message) {
                if (phase.equals("score")) {
                    scored.add(done);
                }
            }
        };

        new EvaluationService(ModelCatalog.baselines(), clock)
                .evaluate(new EvaluationQuery("t", events, EvaluationProtocol.LEAVE_LAST_OUT, List.of("pop", "markov"), 10), listener);

        assertThat(started).containsExactly("pop 0/2", "markov 1/2");
        assertThat(scored).contains(5L);
    }

    @Test
    void unknownModelFailsBeforeAnyWork() {
        add("a", "1", 1);
        EvaluationService service = new EvaluationService(ModelCatalog.baselines(), clock);

        assertThatThrownBy(() -> service.evaluate(
                new EvaluationQuery("t", events, EvaluationProtocol.LEAVE_LAST_OUT, List.of("nope"), 10), EvaluationListener.SILENT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }

    @Test
    void diversityTradesAHitForACategoryDiverseTopK() {
        // a: history 1,2 -> target 8. By id the top 2 is [9, 8], both "x"; λ = 1 takes 7 ("y") instead of 8.
        add("a", "1", 1);
        add("a", "2", 2);
        add("a", "8", 3);
        // b and c miss either way (targets 5 and 4 are not in the training catalogue); their top 2s hold an
        // item without categories, so each is fully diverse.
        add("b", "9", 1);
        add("b", "7", 2);
        add("b", "5", 3);
        add("c", "8", 1);
        add("c", "6", 2);
        add("c", "4", 3);
        Map<ItemId, Set<String>> categories = Map.of(new ItemId("9"), Set.of("x"), new ItemId("8"), Set.of("x"), new ItemId("7"), Set.of("y"));
        EvaluationService service = new EvaluationService(new ModelCatalog(List.of(new ById())), clock);

        DiversityTradeOff tradeOff = service.diversityTradeOff(
                new EvaluationQuery("t", events, EvaluationProtocol.LEAVE_LAST_OUT, List.of("by-id"), 2, categories),
                "by-id", List.of(0.0, 1.0), EvaluationListener.SILENT);

        assertThat(tradeOff.testCases()).isEqualTo(3);
        DiversityTradeOff.Point plain = tradeOff.points().get(0);
        DiversityTradeOff.Point diverse = tradeOff.points().get(1);
        assertThat(plain.hitRate()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(plain.ndcg()).isCloseTo(1 / (3 * Math.log(3) / Math.log(2)), within(1e-12));
        assertThat(plain.intraListDiversity()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(diverse.hitRate()).isZero();
        assertThat(diverse.intraListDiversity()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void diversityWeightsOutsideZeroToOneAreRefused() {
        add("a", "1", 1);
        EvaluationService service = new EvaluationService(new ModelCatalog(List.of(new ById())), clock);

        assertThatThrownBy(() -> service.diversityTradeOff(
                new EvaluationQuery("t", events, EvaluationProtocol.LEAVE_LAST_OUT, List.of("by-id"), 2), "by-id", List.of(0.5, 2.0),
                EvaluationListener.SILENT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("diversity");
    }
}
