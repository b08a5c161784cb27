package dev.lethe.adapter.ml;

import dev.lethe.application.port.out.contract.ContractData;
import dev.lethe.domain.model.TrainingData;

/**
 * Generated data with a learnable rule (the contract kit's {@link ContractData#walks}): each user walks
 * the catalogue in steps of +1 from a random start, an hour or so apart; validation asks for the next
 * item of the walk. Plus the network small enough to learn it in seconds.
 */
final class TinySequences {
    static final int ITEMS = ContractData.WALK_ITEMS;

    private TinySequences() {}

    static TrainingData data(int users, long seed) {
        return ContractData.walks(users, seed);
    }

    static LstmHyperParameters tiny() {
        return new LstmHyperParameters(16, 32, 1, 0f, 30, 1, 16, 0.02f, 6, 2, 7L, true, 8, true, 0, 0, false);
    }
}
