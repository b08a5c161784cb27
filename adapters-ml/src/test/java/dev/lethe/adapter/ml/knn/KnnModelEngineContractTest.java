package dev.lethe.adapter.ml.knn;

import dev.lethe.application.port.out.ModelEnginePort;
import dev.lethe.application.port.out.contract.ModelEngineContract;

/** The contract kit's model-engine contract on the pure-Java sequence kNN engine. */
class KnnModelEngineContractTest extends ModelEngineContract {
    private final ModelEnginePort engine = new KnnModelEngine(KnnSettings.defaults());

    @Override
    protected ModelEnginePort engine() {
        return engine;
    }

    @Override
    protected String family() {
        return KnnModelEngine.SEQ_KNN;
    }
}
