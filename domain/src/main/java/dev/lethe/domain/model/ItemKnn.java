package dev.lethe.domain.model;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.forgetting.ForgettingCurve;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalInt;

/**
 * SAR-style item-to-item recommender: the user's affinity to each item in their history decays
 * with the time since the behaviour, and score(j) = Σ_i affinity(i) · sim(i, j) with cosine
 * co-occurrence similarity sim(i, j) = C(i, j) / sqrt(C(i, i) · C(j, j)), C counting users.
 *
 * <p>As of: co-occurrence is counted only from behaviours strictly before {@code asOf} (a pair
 * (i, j) of another user exists from the later of the two moments). Cosine factorises, so instead
 * of a precomputed item-item matrix (which would contain the future) each call does two passes over
 * the log before {@code asOf}: Σ_i w_i C(i, j) = Σ_users (Σ_{i ∈ their items} w_i) · [j ∈ their items].
 */
public final class ItemKnn implements Recommender, FittedParameters {
    /** The name this model is registered under. */
    public static final String NAME = "sar";
    /** SAR's customary affinity half-life. */
    public static final double DEFAULT_HALF_LIFE_DAYS = 30;

    private final String name;
    private final Catalogue catalogue;
    private final ForgettingCurve affinityDecay;
    private final int[] userStart;
    private final int[] items;
    private final long[] times;

    private ItemKnn(String name, Catalogue catalogue, ForgettingCurve affinityDecay, int[] userStart, int[] items, long[] times) {
        this.name = name;
        this.catalogue = catalogue;
        this.affinityDecay = affinityDecay;
        this.userStart = userStart;
        this.items = items;
        this.times = times;
    }

    /** Indexes the first behaviour of each (user, item) pair of {@code log}, per user in time order. */
    public static ItemKnn fit(String name, EventLog log, ForgettingCurve affinityDecay) {
        int users = log.userCount();
        int[] perUser = new int[users + 1];
        // Distinct (user, item) pairs, first occurrence only: the log is in time order.
        HashSet<Long> pairs = new HashSet<>(log.size() * 2);
        boolean[] keep = new boolean[log.size()];
        for (int e = 0; e < log.size(); e++) {
            if (pairs.add((long) log.user(e) * log.catalogue().size() + log.item(e))) {
                keep[e] = true;
                perUser[log.user(e) + 1]++;
            }
        }
        for (int u = 0; u < users; u++) {
            perUser[u + 1] += perUser[u];
        }
        int[] fill = Arrays.copyOf(perUser, users);
        int[] items = new int[perUser[users]];
        long[] times = new long[perUser[users]];
        for (int e = 0; e < log.size(); e++) {
            if (keep[e]) {
                int slot = fill[log.user(e)]++;
                items[slot] = log.item(e);
                times[slot] = log.time(e);
            }
        }
        return new ItemKnn(name, log.catalogue(), affinityDecay, perUser, items, times);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Catalogue catalogue() {
        return catalogue;
    }

    @Override
    public Map<String, Double> fittedParameters() {
        return Map.of("affinityHalfLifeDays", affinityDecay.halfLifeSeconds() / 86_400d);
    }

    @Override
    public void score(ScoringContext context, double[] scores) {
        int n = catalogue.size();
        Arrays.fill(scores, 0, n, 0.0);
        long asOf = context.asOf().toEpochMilli();
        double[] weight = new double[n];
        boolean any = false;
        for (Behavior b : context.history()) {
            OptionalInt i = catalogue.indexOf(b.itemId());
            if (i.isPresent()) {
                weight[i.getAsInt()] += affinityDecay.retention((asOf - b.occurredAt().toEpochMilli()) / 1000.0);
                any = true;
            }
        }
        if (!any) {
            return;
        }
        int users = userStart.length - 1;
        int[] end = new int[users];
        int[] count = new int[n];
        for (int u = 0; u < users; u++) {
            int e = userStart[u];
            while (e < userStart[u + 1] && times[e] < asOf) {
                count[items[e]]++;
                e++;
            }
            end[u] = e;
        }
        for (int i = 0; i < n; i++) {
            if (weight[i] != 0) {
                weight[i] = count[i] > 0 ? weight[i] / Math.sqrt(count[i]) : 0;
            }
        }
        for (int u = 0; u < users; u++) {
            double overlap = 0;
            for (int e = userStart[u]; e < end[u]; e++) {
                overlap += weight[items[e]];
            }
            if (overlap != 0) {
                for (int e = userStart[u]; e < end[u]; e++) {
                    scores[items[e]] += overlap;
                }
            }
        }
        for (int j = 0; j < n; j++) {
            if (count[j] > 0) {
                scores[j] /= Math.sqrt(count[j]);
            }
        }
    }

    /** A trainer over the training and validation events with the given affinity half-life. */
    public static ModelTrainer trainer(String name, double affinityHalfLifeDays) {
        ForgettingCurve decay = ExponentialCurve.ofDays(affinityHalfLifeDays);
        return new NamedTrainer(name, (data, listener) -> fit(name, EventLog.known(data), decay));
    }
}
