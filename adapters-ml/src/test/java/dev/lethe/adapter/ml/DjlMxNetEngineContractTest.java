package dev.lethe.adapter.ml;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import dev.lethe.adapter.ml.knn.KnnModule;
import dev.lethe.application.port.out.ModelEnginePort;
import dev.lethe.application.port.out.ModelEnginePort.ModelEngineException;
import dev.lethe.domain.model.TrainingListener;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract kit's model-engine contract on DJL with MXNet, plus the refusal in the other direction: the kNN engine loading an LSTM. */
class DjlMxNetEngineContractTest extends DjlEngineContract {
    DjlMxNetEngineContractTest() {
        super("mxnet");
    }

    /** The foreign artifact is a real one: a sequence kNN model saved by the pure-Java engine. */
    @Override
    protected void writeForeignArtifact(Path directory) {
        ModelEnginePort knn = Guice.createInjector(new KnnModule()).getInstance(ModelEnginePort.class);
        knn.save(knn.train("seq-knn", TinySequences.data(20, 1), TrainingListener.SILENT), directory);
    }

    @Test
    void theKnnEngineRefusesThisEnginesArtifactSayingWhatItFound(@TempDir Path directory) {
        engine().save(trained(), directory);
        ModelEnginePort knn = Guice.createInjector(new KnnModule()).getInstance(ModelEnginePort.class);

        assertThatThrownBy(() -> knn.load("seq-knn", directory))
                .isInstanceOf(ModelEngineException.class)
                .hasMessageContaining(directory.toString())
                .hasMessageContaining(LstmArtifacts.METADATA);
    }
}
