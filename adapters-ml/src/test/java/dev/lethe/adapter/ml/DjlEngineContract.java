package dev.lethe.adapter.ml;

import dev.lethe.application.port.out.ModelEnginePort;
import dev.lethe.application.port.out.contract.ModelEngineContract;

/** The contract kit's model-engine contract on one DJL engine, training the tiny LSTM. */
abstract class DjlEngineContract extends ModelEngineContract {
    private final ModelEnginePort engine;

    DjlEngineContract(String engineName) {
        this.engine = new DjlModelEngine(engineName, TinySequences.tiny(), 4);
    }

    @Override
    protected ModelEnginePort engine() {
        return engine;
    }

    @Override
    protected String family() {
        return DjlModelEngine.LSTM;
    }
}
