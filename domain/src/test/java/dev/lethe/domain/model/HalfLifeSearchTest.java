package dev.lethe.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.metrics.HeldOutRanking;
import dev.lethe.domain.metrics.RankingMetrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HalfLifeSearchTest {
    private final Catalogue catalogue = Events.catalogue(30);
    private final TrainingData data = leaveLastOut(Events.random(11, 600, 40, 30, 400));

    @Test
    void sweepingValidationScoreEqualsScoringEachCaseFromScratch() {
        double halfLifeDays = 10;
        DecayedPopularity reference = DecayedPopularity.fit("ref", Optional.of(ExponentialCurve.ofDays(halfLifeDays)), EventLog.known(data));
        double expected = 0;
        for (TrainingData.ValidationCase c : data.validation()) {
            expected += RankingMetrics.ndcg(HeldOutRanking.topK(reference, c.context(), 10), Set.of(c.target()), 10);
        }
        expected /= data.validation().size();

        double swept = new HalfLifeSearch(10).validationNdcg(EventLog.known(data), data.validation(), halfLifeDays * 86_400_000d);

        assertThat(swept).isCloseTo(expected, within(1e-9));
    }

    @Test
    void choosesTheGridHalfLifeWithTheBestValidationNdcg() {
        HalfLifeSearch search = new HalfLifeSearch(10);
        double best = Double.NEGATIVE_INFINITY;
        double bestDays = 0;
        for (double days : HalfLifeSearch.gridDays()) {
            double ndcg = search.validationNdcg(EventLog.known(data), data.validation(), days * 86_400_000d);
            if (ndcg > best) {
                best = ndcg;
                bestDays = days;
            }
        }

        Recommender fitted = search.train(data, TrainingListener.SILENT);

        assertThat(((FittedParameters) fitted).fittedParameters().get("halfLifeDays")).isCloseTo(bestDays, within(1e-9));
    }

    private TrainingData leaveLastOut(List<Behavior> events) {
        Map<UserId, List<Behavior>> byUser = new LinkedHashMap<>();
        events.stream().sorted(Comparator.comparing(Behavior::occurredAt))
                .forEach(b -> byUser.computeIfAbsent(b.userId(), u -> new ArrayList<>()).add(b));
        List<Behavior> training = new ArrayList<>();
        List<TrainingData.ValidationCase> validation = new ArrayList<>();
        byUser.forEach((user, seq) -> {
            if (seq.size() >= 2) {
                List<Behavior> history = seq.subList(0, seq.size() - 1);
                training.addAll(history);
                Behavior target = seq.get(seq.size() - 1);
                validation.add(new TrainingData.ValidationCase(new ScoringContext(user, history, target.occurredAt()), target.itemId()));
            }
        });
        training.sort(Comparator.comparing(Behavior::occurredAt));
        return new TrainingData(catalogue, training, validation);
    }
}
