package dev.lethe.domain.interest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.interest.ProfileRecommender.Settings;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingData.ValidationCase;
import dev.lethe.domain.model.TrainingListener;
import dev.lethe.domain.tenant.TenantKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ProfileTuningTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Settings DEFAULTS = Settings.defaults(BehaviorWeights.defaults(TenantKind.ECOMMERCE));
    private static final Clock FROZEN = Clock.fixed(T0, ZoneOffset.UTC);

    /**
     * 60 users walk a chain of 30 items (item i is followed by i+1 most of the time), so what comes next
     * is sequential; the last step of each walk is the validation case.
     */
    private static TrainingData chains() {
        Random random = new Random(7);
        List<ItemId> items = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            items.add(new ItemId("i" + i));
        }
        Catalogue catalogue = Catalogue.of(items);
        List<Behavior> events = new ArrayList<>();
        List<ValidationCase> validation = new ArrayList<>();
        int id = 0;
        for (int u = 0; u < 60; u++) {
            UserId user = new UserId("u" + u);
            int at = random.nextInt(30);
            Instant t = T0.plus(Duration.ofHours(u));
            List<Behavior> history = new ArrayList<>();
            for (int step = 0; step < 8; step++) {
                Behavior b = Behavior.of(new EventId("e" + id++), user, items.get(at), BehaviorType.VIEW, t);
                history.add(b);
                at = random.nextDouble() < 0.8 ? (at + 1) % 30 : random.nextInt(30);
                t = t.plus(Duration.ofMinutes(10));
            }
            events.addAll(history);
            validation.add(new ValidationCase(new ScoringContext(user, history, t), items.get(at)));
        }
        return new TrainingData(catalogue, events, validation);
    }

    private static final Function<ItemId, Set<String>> NO_CATEGORIES = i -> Set.of();

    private static ProfileTuning.Result tune(long seed, int maxTrials, Clock clock, Duration budget) {
        return ProfileTuning.tune(chains(), NO_CATEGORIES, DEFAULTS, Optional.empty(),
                ProfileTuning.Options.of(budget, seed, maxTrials, 10), clock, TrainingListener.SILENT);
    }

    @Test
    void theWinnerScoresAtLeastTheDefaultsAndEveryComponentAloneOnValidation() {
        ProfileTuning.Result result = tune(1, 30, FROZEN, Duration.ofHours(1));

        assertThat(result.trials()).hasSize(30);
        assertThat(result.trials().subList(0, 5)).extracting(ProfileTuning.Trial::origin).containsExactly("defaults",
                "component: co-occurrence", "component: last item's successors", "component: category", "component: popularity");
        for (ProfileTuning.Trial trial : result.trials()) {
            assertThat(result.winner().validationNdcg()).isGreaterThanOrEqualTo(trial.validationNdcg());
        }
        // On a chain the last item's successors beat the symmetric defaults.
        assertThat(result.trials().get(2).validationNdcg()).isGreaterThan(result.start().validationNdcg());
    }

    @Test
    void theWinnersModelRanksWithTheWinningSettingsAndScoresWhatItsTrialScored() {
        ProfileTuning.Result result = tune(1, 20, FROZEN, Duration.ofHours(1));
        TrainingData data = chains();

        assertThat(result.model().settings()).isEqualTo(result.winner().settings());
        // Trials score the validation cases and each user's latest training behaviours; the winner's figure is theirs.
        assertThat(result.validationCases()).isEqualTo(data.validation().size() * (1 + ProfileTuning.Options.CASES_PER_USER));
    }

    @Test
    void theSameSeedTriesTheSameSettingsAndAnotherSeedOthers() {
        List<Settings> first = tune(5, 15, FROZEN, Duration.ofHours(1)).trials().stream().map(ProfileTuning.Trial::settings).toList();
        List<Settings> again = tune(5, 15, FROZEN, Duration.ofHours(1)).trials().stream().map(ProfileTuning.Trial::settings).toList();
        List<Settings> other = tune(6, 15, FROZEN, Duration.ofHours(1)).trials().stream().map(ProfileTuning.Trial::settings).toList();

        assertThat(again).isEqualTo(first);
        assertThat(other.subList(5, 15)).isNotEqualTo(first.subList(5, 15));
    }

    @Test
    void theSearchStopsWhenTheBudgetIsSpentButAlwaysTriesTheComponents() {
        // Every reading of this clock is one second later: a 3-second budget allows only a trial or so after the components.
        Clock ticking = new Clock() {
            private Instant now = T0;

            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public synchronized Instant instant() {
                now = now.plusSeconds(1);
                return now;
            }
        };
        ProfileTuning.Result result = tune(1, 200, ticking, Duration.ofSeconds(3));

        assertThat(result.trials()).hasSizeBetween(5, 6);
    }

    @Test
    void theMetricsCarryEveryTrialWithItsSettings() {
        ProfileTuning.Result result = tune(1, 8, FROZEN, Duration.ofHours(1));
        Map<String, Double> metrics = new HashMap<>(result.metrics());

        assertThat(metrics).containsEntry("tune.trials", 8.0).containsEntry("tune.best_trial", (double) result.winner().number())
                .containsEntry("tune.best.validation_ndcg@10", result.winner().validationNdcg())
                .containsEntry("tune.defaults.validation_ndcg@10", result.start().validationNdcg());
        for (ProfileTuning.Trial t : result.trials()) {
            String prefix = String.format("tune.trial.%03d.", t.number());
            assertThat(metrics).containsEntry(prefix + "validation_ndcg@10", t.validationNdcg())
                    .containsEntry(prefix + "window", (double) t.settings().window());
        }
    }
}
