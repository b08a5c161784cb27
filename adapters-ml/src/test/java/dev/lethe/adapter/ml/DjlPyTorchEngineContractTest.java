package dev.lethe.adapter.ml;

/** The contract kit's model-engine contract on DJL with PyTorch. */
class DjlPyTorchEngineContractTest extends DjlEngineContract {
    DjlPyTorchEngineContractTest() {
        super("pytorch");
    }

    /** PyTorch splits reductions by the threads free at the moment: equal up to float rounding. */
    @Override
    protected double concurrentTolerance() {
        return 1e-5;
    }
}
