package dev.lethe.adapter.ml;

/**
 * One network input: item tokens (catalogue index + 1; 0 = padding), the time features of each step
 * ({@code 2 * TimeFeatures.SIZE} per step: the step's own moment and the moment of what follows it;
 * empty without time features) and, in training, the catalogue index of the next item at each step
 * (empty in serving, where only the last step is scored).
 */
record EncodedSequence(int[] tokens, float[] time, int[] targets) {
    EncodedSequence {
        if (tokens.length == 0) {
            throw new IllegalArgumentException("tokens must not be empty");
        }
        if (targets.length != 0 && targets.length != tokens.length) {
            throw new IllegalArgumentException("targets must be empty or as long as tokens");
        }
    }

    int length() {
        return tokens.length;
    }
}
