package dev.lethe.adapter.ml.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.application.port.out.ModelEnginePort.ModelEngineException;
import dev.lethe.application.port.out.contract.ContractData;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.model.TopK;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnnModelEngineTest {
    private static final TrainingData WALKS = ContractData.walks(60, 3);
    private final KnnModelEngine engine = new KnnModelEngine(KnnSettings.defaults());

    private static int[] top(Recommender model, List<Behavior> history, int k) {
        double[] scores = new double[model.catalogue().size()];
        model.score(new ScoringContext(new UserId("u"), history, ContractData.T0.plusSeconds(86_400L * 365 * 30)), scores);
        return TopK.select(scores, k, null);
    }

    @Test
    void theItemThatFollowedTheLatestOneRanksFirst() {
        Recommender model = engine.train(KnnModelEngine.SEQ_KNN, WALKS, TrainingListener.SILENT);
        int item7 = model.catalogue().indexOf(new ItemId("item-7")).getAsInt();
        int item8 = model.catalogue().indexOf(new ItemId("item-8")).getAsInt();

        int[] best = top(model, List.of(ContractData.view("x", "u", "item-7", ContractData.T0)), 3);

        assertThat(best[0]).isEqualTo(item8);
        assertThat(best).doesNotContain(item7);
    }

    @Test
    void theNewestItemOfTheHistoryOutweighsOlderOnes() {
        Recommender model = engine.train(KnnModelEngine.SEQ_KNN, WALKS, TrainingListener.SILENT);
        int item21 = model.catalogue().indexOf(new ItemId("item-21")).getAsInt();
        List<Behavior> history = List.of(ContractData.view("a", "u", "item-3", ContractData.T0),
                ContractData.view("b", "u", "item-20", ContractData.T0.plusSeconds(60)));

        assertThat(top(model, history, 1)).containsExactly(item21);
    }

    @Test
    void itemsUnknownToTheModelAreIgnoredAndAnEmptyHistoryGetsPopularityOrder() {
        Recommender model = engine.train(KnnModelEngine.SEQ_KNN, WALKS, TrainingListener.SILENT);
        int[] cold = top(model, List.of(), 5);

        assertThat(top(model, List.of(ContractData.view("n", "u", "not-in-training", ContractData.T0)), 5)).containsExactly(cold);
        Map<Integer, Long> frequency = new TreeMap<>();
        WALKS.events().forEach(b -> frequency.merge(model.catalogue().indexOf(b.itemId()).getAsInt(), 1L, Long::sum));
        long most = frequency.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(frequency.get(cold[0])).isEqualTo(most);
    }

    @Test
    void trainingReportsProgressAndTheValidationNdcg() {
        List<String> seen = new ArrayList<>();
        engine.train(KnnModelEngine.SEQ_KNN, WALKS, new TrainingListener() {
            @Override
            public void progress(String phase, long done, long total, String message) {
                seen.add(phase + " " + done + "/" + total);
            }

            @Override
            public void metric(String name, int step, double value) {
                seen.add(name + "=" + (value > 0.5));
            }
        });

        assertThat(seen).contains("co-occurrences 60/60", KnnModelEngine.VALIDATION_NDCG + "=true");
    }

    @Test
    void aCutShortArtifactIsRefusedAsCorrupt(@TempDir Path directory) throws IOException {
        engine.save(engine.train(KnnModelEngine.SEQ_KNN, WALKS, TrainingListener.SILENT), directory);
        Path weights = directory.resolve(KnnArtifacts.NEIGHBOURS);
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length - 5));

        assertThatThrownBy(() -> engine.load(KnnModelEngine.SEQ_KNN, directory))
                .isInstanceOf(ModelEngineException.class).hasMessageContaining(directory.toString()).hasMessageContaining("ends early");
    }

    @Test
    void metadataOfAnotherEngineIsRefusedNamingIt(@TempDir Path directory) throws IOException {
        engine.save(engine.train(KnnModelEngine.SEQ_KNN, WALKS, TrainingListener.SILENT), directory);
        Path metadata = directory.resolve(KnnArtifacts.METADATA);
        Files.writeString(metadata, Files.readString(metadata).replace("engine=knn", "engine=mxnet"));

        assertThatThrownBy(() -> engine.load(KnnModelEngine.SEQ_KNN, directory))
                .isInstanceOf(ModelEngineException.class).hasMessageContaining("engine mxnet");
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new KnnSettings(0, 100, 5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
        assertThatThrownBy(() -> new KnnSettings(3, 0, 5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neighbours");
        assertThatThrownBy(() -> new KnnSettings(3, 100, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recent");
    }
}
