package dev.lethe.adapter.ml;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.sequence.TimeFeatures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** Turns behaviours into network inputs, the same way in training and in serving. */
final class SequenceEncoder {
    static final int STEP_FEATURES = 2 * TimeFeatures.SIZE;

    private final Catalogue catalogue;
    private final int maxLength;
    private final int windowsPerUser;
    private final boolean timeFeatures;
    private final TimeFeatures features = TimeFeatures.utc();

    SequenceEncoder(Catalogue catalogue, int maxLength, int windowsPerUser, boolean timeFeatures) {
        this.catalogue = catalogue;
        this.maxLength = maxLength;
        this.windowsPerUser = windowsPerUser;
        this.timeFeatures = timeFeatures;
    }

    /**
     * Training windows: every user's time-ordered sequence cut into windows of at most maxLength
     * steps (the most recent windowsPerUser of them), each step predicting the next behaviour. Users with fewer than two known items give none.
     */
    List<EncodedSequence> trainingWindows(List<Behavior> events) {
        Map<UserId, List<Behavior>> byUser = new LinkedHashMap<>();
        for (Behavior b : events) {
            byUser.computeIfAbsent(b.userId(), u -> new ArrayList<>()).add(b);
        }
        List<EncodedSequence> windows = new ArrayList<>();
        for (List<Behavior> history : byUser.values()) {
            List<Behavior> sorted = new ArrayList<>(history);
            sorted.sort(java.util.Comparator.comparing(Behavior::occurredAt)); // stable: file order breaks ties
            int[] items = new int[sorted.size()];
            long[] seconds = new long[sorted.size()];
            int n = known(sorted, items, seconds);
            if (n < 2) {
                continue;
            }
            float[] tf = timeFeatures ? features.of(Arrays.copyOf(seconds, n)) : new float[0];
            // Windows end at the last input step n - 2 and go back maxLength steps at a time.
            int taken = 0;
            for (int end = n - 1; end > 0 && taken < windowsPerUser; end -= maxLength, taken++) {
                int start = Math.max(0, end - maxLength);
                int len = end - start;
                int[] tokens = new int[len];
                int[] targets = new int[len];
                for (int j = 0; j < len; j++) {
                    tokens[j] = items[start + j] + 1;
                    targets[j] = items[start + j + 1];
                }
                windows.add(new EncodedSequence(tokens, stepTime(tf, start, len), targets));
            }
        }
        return windows;
    }

    /** The serving input for {@code history} (time-ordered, all before {@code asOf}) scored as of {@code asOf}. */
    EncodedSequence forServing(List<Behavior> history, Instant asOf) {
        int[] items = new int[history.size() + 1];
        long[] seconds = new long[history.size() + 1];
        int n = known(history, items, seconds);
        if (n == 0) {
            // No known past: the padding token stands in, followed by the moment of the request.
            float[] time = new float[timeFeatures ? STEP_FEATURES : 0];
            if (timeFeatures) {
                System.arraycopy(features.of(new long[] {asOf.getEpochSecond()}), 0, time, TimeFeatures.SIZE, TimeFeatures.SIZE);
            }
            return new EncodedSequence(new int[] {0}, time, new int[0]);
        }
        seconds[n] = Math.max(asOf.getEpochSecond(), seconds[n - 1]);
        float[] tf = timeFeatures ? features.of(Arrays.copyOf(seconds, n + 1)) : new float[0];
        int start = Math.max(0, n - maxLength);
        int len = n - start;
        int[] tokens = new int[len];
        for (int j = 0; j < len; j++) {
            tokens[j] = items[start + j] + 1;
        }
        return new EncodedSequence(tokens, stepTime(tf, start, len), new int[0]);
    }

    /** Step j's features: the moment of behaviour start+j, then the moment of the one after it. */
    private float[] stepTime(float[] tf, int start, int len) {
        if (!timeFeatures) {
            return new float[0];
        }
        float[] out = new float[len * STEP_FEATURES];
        for (int j = 0; j < len; j++) {
            System.arraycopy(tf, (start + j) * TimeFeatures.SIZE, out, j * STEP_FEATURES, 2 * TimeFeatures.SIZE);
        }
        return out;
    }

    private int known(List<Behavior> behaviours, int[] items, long[] seconds) {
        int n = 0;
        long last = Long.MIN_VALUE;
        for (Behavior b : behaviours) {
            OptionalInt index = catalogue.indexOf(b.itemId());
            if (index.isPresent()) {
                items[n] = index.getAsInt();
                last = Math.max(last, b.occurredAt().getEpochSecond());
                seconds[n] = last;
                n++;
            }
        }
        return n;
    }
}
