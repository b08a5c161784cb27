package dev.lethe.adapter.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lethe.application.port.out.ModelEnginePort.ModelEngineException;
import dev.lethe.domain.interest.BehaviorWeights;
import dev.lethe.domain.interest.ProfileRecommender;
import dev.lethe.domain.model.ModelTrainer;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.model.TopK;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingData.ValidationCase;
import dev.lethe.domain.model.TrainingListener;
import dev.lethe.domain.sequence.ValidationRanking;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DjlModelEngineTest {
    private static final TrainingData DATA = TinySequences.data(60, 3);
    private final Map<String, Recommender> trained = new HashMap<>();
    private final Map<String, List<String>> metrics = new HashMap<>();

    private static DjlModelEngine engine(String name) {
        return new DjlModelEngine(name, TinySequences.tiny(), 4);
    }

    /** One training per engine and family, shared by the tests. */
    private Recommender trained(String engineName, String family) {
        return trained.computeIfAbsent(engineName + "/" + family, key -> {
            List<String> seen = new ArrayList<>();
            metrics.put(key, seen);
            return engine(engineName).train(family, DATA, new TrainingListener() {
                @Override
                public void metric(String name, int step, double value) {
                    seen.add(name);
                }
            });
        });
    }

    private static double randomNdcg(List<ValidationCase> cases) {
        Random random = new Random(11);
        double sum = 0;
        double[] scores = new double[TinySequences.ITEMS];
        for (ValidationCase c : cases) {
            for (int i = 0; i < scores.length; i++) {
                scores[i] = random.nextDouble();
            }
            sum += ValidationRanking.ndcg(scores, ValidationRanking.target(DATA.catalogue(), c),
                    ValidationRanking.consumed(DATA.catalogue(), c.context().history()), 10);
        }
        return sum / cases.size();
    }

    @AfterAll
    void closeModels() throws Exception {
        for (Recommender r : trained.values()) {
            ((AutoCloseable) r).close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void trainedLstmBeatsRandomOnValidation(String engineName) {
        Recommender model = trained(engineName, "lstm");
        double ndcg = ValidationRanking.meanNdcg(model, DATA.validation(), 10);
        assertThat(ndcg).isGreaterThan(randomNdcg(DATA.validation()) + 0.2);
    }

    @Test
    void lstmWithoutTimeFeaturesLearnsTooAndReportsTrainingCurves() {
        Recommender model = trained("mxnet", "lstm-notime");
        assertThat(ValidationRanking.meanNdcg(model, DATA.validation(), 10)).isGreaterThan(randomNdcg(DATA.validation()) + 0.2);
        assertThat(metrics.get("mxnet/lstm-notime")).contains(LstmTraining.LOSS, LstmTraining.VALIDATION_NDCG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void savedThenLoadedModelScoresIdentically(String engineName, @TempDir Path dir) {
        DjlModelEngine engine = engine(engineName);
        Recommender model = trained(engineName, "lstm");
        engine.save(model, dir);
        Recommender loaded = engine.load("lstm", dir);
        try {
            for (ValidationCase c : DATA.validation().subList(0, 10)) {
                double[] before = new double[TinySequences.ITEMS];
                double[] after = new double[TinySequences.ITEMS];
                model.score(c.context(), before);
                loaded.score(c.context(), after);
                assertThat(after).containsExactly(before);
            }
        } finally {
            ((LstmRecommender) loaded).close();
        }
    }

    @Test
    void aModelWithCategoryEmbeddingsKeepsItsCategoryMatrixThroughSaveAndLoad(@TempDir Path dir) {
        LstmHyperParameters t = TinySequences.tiny();
        LstmHyperParameters hp = new LstmHyperParameters(t.embeddingSize(), t.hiddenSize(), t.layers(), t.dropout(), t.maxLength(),
                t.windowsPerUser(), t.batchSize(), t.learningRate(), 2, t.patience(), t.seed(), t.timeFeatures(),
                t.timeProjectionSize(), t.tiedEmbeddings(), 0, 0, true);
        Map<dev.lethe.domain.behavior.ItemId, java.util.Set<String>> categories = new HashMap<>();
        for (dev.lethe.domain.behavior.ItemId item : DATA.catalogue().items()) {
            categories.put(item, java.util.Set.of(item.value().hashCode() % 2 == 0 ? "even" : "odd"));
        }
        DjlModelEngine engine = new DjlModelEngine("mxnet", hp, 1);
        try (LstmRecommender model = (LstmRecommender) engine.train("lstm", DATA.withCategories(categories), TrainingListener.SILENT)) {
            assertThat(((SequenceBlock) model.model().getBlock()).categoryCount()).isEqualTo(2);
            engine.save(model, dir);
            try (LstmRecommender loaded = (LstmRecommender) engine.load("lstm", dir)) {
                ScoringContext c = DATA.validation().get(0).context();
                double[] before = new double[TinySequences.ITEMS];
                double[] after = new double[TinySequences.ITEMS];
                model.score(c, before);
                loaded.score(c, after);
                assertThat(after).containsExactly(before);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void concurrentInferenceEqualsSequential(String engineName) throws Exception {
        Recommender model = trained(engineName, "lstm");
        List<ValidationCase> cases = DATA.validation();
        List<double[]> sequential = new ArrayList<>();
        for (ValidationCase c : cases) {
            double[] s = new double[TinySequences.ITEMS];
            model.score(c.context(), s);
            sequential.add(s);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (ValidationCase c : cases) {
                futures.add(pool.submit(() -> {
                    double[] s = new double[TinySequences.ITEMS];
                    model.score(c.context(), s);
                    return s;
                }));
            }
            // PyTorch splits reductions by the threads free at the moment: equal up to float rounding.
            for (int i = 0; i < cases.size(); i++) {
                double[] concurrent = futures.get(i).get();
                assertThat(concurrent).containsExactly(sequential.get(i), within(1e-5));
                assertThat(TopK.select(concurrent, 10, null)).containsExactly(TopK.select(sequential.get(i), 10, null));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void letheBlendIsAtLeastAsGoodAsItsLstmOnValidationAndSurvivesSaveAndLoad(@TempDir Path dir) {
        DjlModelEngine engine = engine("mxnet");
        LetheBlend lethe = (LetheBlend) trained("mxnet", "lethe");
        double blend = ValidationRanking.meanNdcg(lethe, DATA.validation(), 10);
        assertThat(blend).isGreaterThanOrEqualTo(ValidationRanking.meanNdcg(lethe.lstm(), DATA.validation(), 10));
        engine.save(lethe, dir);
        LetheBlend loaded = (LetheBlend) engine.load("lethe", dir);
        try {
            double[] before = new double[TinySequences.ITEMS];
            double[] after = new double[TinySequences.ITEMS];
            ValidationCase c = DATA.validation().get(0);
            // A loaded blend serves: it answers as of moments after its training data, here a day after the last behaviour.
            java.time.Instant later = DATA.events().stream().map(b -> b.occurredAt()).max(java.util.Comparator.naturalOrder()).orElseThrow()
                    .plus(java.time.Duration.ofDays(1));
            ScoringContext serving = new ScoringContext(c.context().userId(), c.context().history(), later);
            lethe.score(serving, before);
            loaded.score(serving, after);
            assertThat(after).containsExactly(before, within(1e-9));
            assertThat(loaded.weights()).isEqualTo(lethe.weights());
        } finally {
            loaded.close();
        }
    }

    @Test
    void letheBlendBuildsItsProfileWithTheCallersTrainerIsNeverBelowItOnValidationAndKeepsItsWeights(@TempDir Path dir) {
        DjlModelEngine engine = engine("mxnet");
        assertThat(engine.blends()).containsExactly("lethe");
        BehaviorWeights finance = BehaviorWeights.defaults(dev.lethe.domain.tenant.TenantKind.FINANCE);
        ModelTrainer profileTrainer = ProfileRecommender.trainer(DATA::categoriesOf, ProfileRecommender.Settings.defaults(finance));
        LetheBlend lethe = (LetheBlend) engine.train("lethe", DATA, profileTrainer, TrainingListener.SILENT);
        try {
            assertThat(lethe.profileWeights()).isEqualTo(finance).isNotEqualTo(DjlModelEngine.PROFILE_WEIGHTS);
            double profileAlone = ValidationRanking.meanNdcg(profileTrainer.train(DATA, TrainingListener.SILENT), DATA.validation(), 10);
            assertThat(ValidationRanking.meanNdcg(lethe, DATA.validation(), 10)).isGreaterThanOrEqualTo(profileAlone);
            engine.save(lethe, dir);
            try (LetheBlend loaded = (LetheBlend) engine.load("lethe", dir)) {
                assertThat(loaded.profileWeights()).isEqualTo(finance);
                assertThat(loaded.weights()).isEqualTo(lethe.weights());
            }
        } finally {
            lethe.close();
        }
    }

    @Test
    void refusesToLoadAnArtifactOfTheOtherEngine(@TempDir Path dir) {
        engine("mxnet").save(trained("mxnet", "lstm"), dir);
        assertThatThrownBy(() -> engine("pytorch").load("lstm", dir))
                .isInstanceOf(ModelEngineException.class)
                .hasMessageContaining("MXNet");
    }

    @Test
    void rejectsAnUnknownFamily() {
        assertThatThrownBy(() -> engine("mxnet").train("gru", DATA, TrainingListener.SILENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("family");
    }

    @Test
    void rejectsAnUnknownEngine() {
        assertThatThrownBy(() -> engine("tensorflow"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("engine");
    }

    @Test
    void loadingFromAnEmptyDirectoryIsAnEngineError(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir);
        assertThatThrownBy(() -> engine("mxnet").load("lstm", dir)).isInstanceOf(ModelEngineException.class);
    }
}
