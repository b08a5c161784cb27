package dev.lethe.adapter.ml;

import dev.lethe.application.port.out.ModelEnginePort;
import dev.lethe.application.port.out.contract.ModelEngineContract;

/** The contract kit's model-engine contract on DJL with PyTorch, training the tiny LSTM. */
class DjlPyTorchEngineContractTest extends ModelEngineContract {
    private final ModelEnginePort engine = new DjlModelEngine("pytorch", TinySequences.tiny(), 4);

    @Override
    protected ModelEnginePort engine() {
        return engine;
    }

    @Override
    protected String family() {
        return DjlModelEngine.LSTM;
    }

    /** PyTorch splits reductions by the threads free at the moment: equal up to float rounding. */
    @Override
    protected double concurrentTolerance() {
        return 1e-5;
    }
}
