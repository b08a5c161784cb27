package dev.lethe.adapter.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SequenceArraysTest {

    private static EncodedSequence window(int length, int firstTarget) {
        int[] tokens = new int[length];
        int[] targets = new int[length];
        for (int t = 0; t < length; t++) {
            tokens[t] = 1;
            targets[t] = firstTarget + t;
        }
        return new EncodedSequence(tokens, new float[0], targets);
    }

    @Test
    void sampledCandidatesHoldEachTargetOnceThenDistinctDrawsWithTheirCorrection() {
        List<EncodedSequence> batch = List.of(window(3, 0), window(2, 1));
        try (NDManager manager = Engine.getEngine("MXNet").newBaseManager()) {
            NDList inputs = new NDList();
            float[] labels = SequenceArrays.sampledCandidates(manager, inputs, batch, 100, 10, new Random(1), DataType.FLOAT32).toFloatArray();
            float[] candidates = inputs.get(0).toFloatArray();
            float[] correction = inputs.get(1).toFloatArray();
            // Targets 0, 1, 2 (row order), then 1, 2 again: three distinct targets first.
            assertThat(labels).containsExactly(0f, 1f, 2f, 1f, 2f);
            assertThat(candidates).hasSize(13).startsWith(1f, 2f, 3f);
            Set<Float> distinct = new HashSet<>();
            for (float c : candidates) {
                distinct.add(c);
            }
            assertThat(distinct).hasSize(13);
            assertThat(correction).startsWith(0f, 0f, 0f);
            for (int i = 3; i < 13; i++) {
                // 97 non-target items, 10 drawn: each stands for 9.7.
                assertThat(correction[i]).isCloseTo((float) Math.log(97 / 10.0), within(1e-6f));
            }
        }
    }

    @Test
    void lengthBatchesKeepEveryWindowOnceAndGroupSimilarLengths() {
        Random random = new Random(5);
        List<EncodedSequence> windows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            windows.add(window(1 + random.nextInt(200), 0));
        }
        List<List<EncodedSequence>> batches = LstmTraining.lengthBatches(windows, 16, new Random(2));
        assertThat(batches).hasSize(7);
        List<EncodedSequence> seen = new ArrayList<>();
        long padded = 0;
        for (List<EncodedSequence> batch : batches) {
            int longest = 0;
            for (EncodedSequence w : batch) {
                longest = Math.max(longest, w.length());
            }
            padded += (long) longest * batch.size();
            seen.addAll(batch);
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(windows);
        long steps = windows.stream().mapToLong(EncodedSequence::length).sum();
        // Sorted, a batch spans about 200 / 7 lengths (~1.15x the real steps); random batches of 16 pad to ~1.9x.
        assertThat(padded).isLessThan(steps * 5 / 4);
    }
}
