package dev.lethe.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lethe.application.port.out.ModelEnginePort;
import dev.lethe.application.port.out.ModelEnginePort.ModelEngineException;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.model.TopK;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingData.ValidationCase;
import dev.lethe.domain.model.TrainingListener;
import dev.lethe.domain.sequence.ValidationRanking;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ModelEnginePort} must do: train a family on data with a learnable rule and learn it,
 * save and load it so that the loaded model scores bit for bit like the trained one, score concurrently
 * as it does sequentially, and refuse what it did not write (another engine's artifact, an empty
 * directory, a model it did not train, an unknown family) with a clear error instead of a wrong model.
 * Extend it, return the engine and the family to train; one model is trained per test class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ModelEngineContract {
    private TrainingData data;
    private Recommender trained;
    private final List<Recommender> opened = new ArrayList<>();

    /** The engine under test, set up to train {@link #family()} on a few hundred behaviours in seconds. */
    protected abstract ModelEnginePort engine();

    /** The family the kit trains, one of {@code engine().families()}. */
    protected abstract String family();

    /** The training data: by default {@link ContractData#walks} of 60 users, whose next item is learnable. */
    protected TrainingData trainingData() {
        return ContractData.walks(60, 3);
    }

    /**
     * Writes into the empty {@code directory} an artifact this engine did not write, which {@code load}
     * must refuse. By default: the files of an engine that does not exist (a properties file naming it and
     * opaque weights); override to save one with a real other engine.
     */
    protected void writeForeignArtifact(Path directory) throws IOException {
        Files.writeString(directory.resolve("model.properties"), "engine=elsewhere\nfamily=" + family() + "\n", StandardCharsets.UTF_8);
        byte[] weights = new byte[4_096];
        new Random(5).nextBytes(weights);
        Files.write(directory.resolve("weights.bin"), weights);
    }

    /**
     * How far a concurrent score may differ from the sequential one: 0 (bit for bit) unless the engine's
     * native library splits reductions by the threads free at the moment (PyTorch: float rounding).
     */
    protected double concurrentTolerance() {
        return 0;
    }

    private TrainingData data() {
        if (data == null) {
            data = trainingData();
        }
        return data;
    }

    /** The model the kit trained (once per test class), for adapter-specific tests. */
    protected final Recommender trained() {
        if (trained == null) {
            trained = opened(engine().train(family(), data(), TrainingListener.SILENT));
        }
        return trained;
    }

    private Recommender opened(Recommender model) {
        opened.add(model);
        return model;
    }

    @AfterAll
    void closeModels() throws Exception {
        for (Recommender model : opened) {
            if (model instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    private static double[] scores(Recommender model, ScoringContext context) {
        double[] scores = new double[model.catalogue().size()];
        model.score(context, scores);
        return scores;
    }

    @Test
    void theEngineHasANameAndTheFamilyUnderTestIsOneOfItsFamilies() {
        assertThat(engine().engine()).isNotBlank().doesNotContainAnyWhitespaces();
        assertThat(engine().families()).contains(family());
    }

    @Test
    void aTrainedModelRanksTheNextItemOfTheWalkFarAboveChance() {
        Recommender model = trained();
        Catalogue catalogue = model.catalogue();
        Random random = new Random(11);
        double chance = 0;
        for (ValidationCase c : data().validation()) {
            double[] noise = random.doubles(catalogue.size()).toArray();
            chance += ValidationRanking.ndcg(noise, ValidationRanking.target(catalogue, c), ValidationRanking.consumed(catalogue, c.context().history()), 10);
        }
        chance /= data().validation().size();

        assertThat(model.name()).isEqualTo(family());
        assertThat(ValidationRanking.meanNdcg(model, data().validation(), 10)).isGreaterThan(chance + 0.2);
    }

    @Test
    void aSavedThenLoadedModelScoresBitForBitLikeTheTrainedOne(@TempDir Path directory) {
        engine().save(trained(), directory);
        Recommender loaded = opened(engine().load(family(), directory));

        assertThat(loaded.catalogue().items()).containsExactlyElementsOf(trained().catalogue().items());
        for (ValidationCase c : data().validation()) {
            assertThat(scores(loaded, c.context())).containsExactly(scores(trained(), c.context()));
        }
    }

    @Test
    void concurrentScoringEqualsSequentialScoring() throws Exception {
        Recommender model = trained();
        List<ValidationCase> cases = data().validation();
        List<double[]> sequential = new ArrayList<>();
        for (ValidationCase c : cases) {
            sequential.add(scores(model, c.context()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> concurrent = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (ValidationCase c : cases) {
                    concurrent.add(pool.submit(() -> scores(model, c.context())));
                }
            }
            for (int i = 0; i < concurrent.size(); i++) {
                double[] expected = sequential.get(i % cases.size());
                double[] actual = concurrent.get(i).get();
                assertThat(actual).containsExactly(expected, within(concurrentTolerance()));
                assertThat(TopK.select(actual, 10, null)).containsExactly(TopK.select(expected, 10, null));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void loadRefusesAnArtifactAnotherEngineWroteNamingTheDirectory(@TempDir Path directory) throws IOException {
        writeForeignArtifact(directory);

        assertThatThrownBy(() -> opened(engine().load(family(), directory)))
                .isInstanceOf(ModelEngineException.class)
                .hasMessageContaining(directory.toString());
    }

    @Test
    void loadRefusesAnEmptyDirectory(@TempDir Path directory) {
        assertThatThrownBy(() -> opened(engine().load(family(), directory)))
                .isInstanceOf(ModelEngineException.class)
                .hasMessageContaining(directory.toString());
    }

    @Test
    void saveRefusesAModelTheEngineDidNotTrain(@TempDir Path directory) {
        Recommender stranger = new Recommender() {
            @Override
            public String name() {
                return family();
            }

            @Override
            public Catalogue catalogue() {
                return data().catalogue();
            }

            @Override
            public void score(ScoringContext context, double[] scores) {
                java.util.Arrays.fill(scores, 0);
            }
        };

        assertThatThrownBy(() -> engine().save(stranger, directory)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model");
    }

    @Test
    void anUnknownFamilyIsRefusedNamingTheField(@TempDir Path directory) {
        assertThatThrownBy(() -> engine().train("no-such-family", data(), TrainingListener.SILENT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("family");
        assertThatThrownBy(() -> engine().load("no-such-family", directory))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("family");
    }
}
