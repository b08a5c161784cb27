package dev.lethe.domain.model;

import dev.lethe.domain.behavior.Behavior;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * First-order Markov recommender: score(j) = how often any user went from the user's last item
 * straight to j, counting only transitions whose second behaviour happened strictly before
 * {@code asOf}. Items with equal transition counts (most of the catalogue) are ordered by
 * popularity as of the moment, which adds less than one to any score, so it never overrides a
 * transition.
 */
public final class MarkovChain implements Recommender {
    /** The name this model is registered under. */
    public static final String NAME = "markov";

    private final String name;
    private final EventLog log;
    private final int[] sourceStart;
    private final int[] targets;
    private final long[] times;

    private MarkovChain(String name, EventLog log, int[] sourceStart, int[] targets, long[] times) {
        this.name = name;
        this.log = log;
        this.sourceStart = sourceStart;
        this.targets = targets;
        this.times = times;
    }

    /** Collects each user's consecutive pairs from {@code log}, grouped by source item, in time order. */
    public static MarkovChain fit(String name, EventLog log) {
        int n = log.catalogue().size();
        int[] lastOfUser = new int[log.userCount()];
        Arrays.fill(lastOfUser, -1);
        int[] source = new int[log.size()];
        int pairs = 0;
        int[] perSource = new int[n + 1];
        for (int e = 0; e < log.size(); e++) {
            int previous = lastOfUser[log.user(e)];
            source[e] = previous;
            if (previous >= 0) {
                perSource[previous + 1]++;
                pairs++;
            }
            lastOfUser[log.user(e)] = log.item(e);
        }
        for (int i = 0; i < n; i++) {
            perSource[i + 1] += perSource[i];
        }
        int[] fill = Arrays.copyOf(perSource, n);
        int[] targets = new int[pairs];
        long[] times = new long[pairs];
        for (int e = 0; e < log.size(); e++) {
            if (source[e] >= 0) {
                int slot = fill[source[e]]++;
                targets[slot] = log.item(e);
                times[slot] = log.time(e);
            }
        }
        return new MarkovChain(name, log, perSource, targets, times);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Catalogue catalogue() {
        return log.catalogue();
    }

    @Override
    public void score(ScoringContext context, double[] scores) {
        Catalogue catalogue = log.catalogue();
        Arrays.fill(scores, 0, catalogue.size(), 0.0);
        long asOf = context.asOf().toEpochMilli();
        int before = log.countBefore(asOf);
        for (int e = 0; e < before; e++) {
            scores[log.item(e)] += 1.0;
        }
        double scale = 1.0 / (before + 1.0);
        for (int j = 0; j < catalogue.size(); j++) {
            scores[j] *= scale;
        }
        List<Behavior> history = context.history();
        if (history.isEmpty()) {
            return;
        }
        OptionalInt last = catalogue.indexOf(history.get(history.size() - 1).itemId());
        if (last.isEmpty()) {
            return;
        }
        int s = last.getAsInt();
        for (int t = sourceStart[s]; t < sourceStart[s + 1] && times[t] < asOf; t++) {
            scores[targets[t]] += 1.0;
        }
    }

    /** A trainer over the training and validation events. */
    public static ModelTrainer trainer() {
        return new NamedTrainer(NAME, (data, listener) -> fit(NAME, EventLog.known(data)));
    }
}
