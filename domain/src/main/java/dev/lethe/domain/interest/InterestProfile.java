package dev.lethe.domain.interest;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A user's decayed interest strengths per item and per category. Each behaviour updates its item and
 * its item's categories in O(1) (a few numbers per key: the kernel's components, the last-update time,
 * the undecayed total); strengths are decayed lazily to whatever moment they are read as of. Not
 * thread-safe: one profile belongs to one user's update stream.
 */
public final class InterestProfile {
    private final UserId userId;
    private final DecayKernel kernel;
    private final BehaviorWeights weights;
    private final Function<ItemId, Set<String>> categoriesOf;
    private final Map<ItemId, Trace> items = new HashMap<>();
    private final Map<String, Trace> categories = new HashMap<>();
    private long latestMillis = Long.MIN_VALUE;

    /**
     * An empty profile.
     *
     * @param categoriesOf the categories of an item (an empty set when unknown)
     */
    public InterestProfile(UserId userId, DecayKernel kernel, BehaviorWeights weights, Function<ItemId, Set<String>> categoriesOf) {
        this.userId = Objects.requireNonNull(userId, "userId");
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.weights = Objects.requireNonNull(weights, "weights");
        this.categoriesOf = Objects.requireNonNull(categoriesOf, "categoriesOf");
    }

    /** A profile of {@code history} (behaviours of other users are rejected). */
    public static InterestProfile of(UserId userId, List<Behavior> history, DecayKernel kernel, BehaviorWeights weights,
            Function<ItemId, Set<String>> categoriesOf) {
        InterestProfile profile = new InterestProfile(userId, kernel, weights, categoriesOf);
        history.forEach(profile::record);
        return profile;
    }

    /** Whose profile this is. */
    public UserId userId() {
        return userId;
    }

    /** The kernel strengths decay by. */
    public DecayKernel kernel() {
        return kernel;
    }

    /**
     * Adds one behaviour: O(1) in the size of the profile. Behaviours may arrive out of order; a late one
     * counts as decayed from its own moment.
     */
    public void record(Behavior behavior) {
        if (!behavior.userId().equals(userId)) {
            throw new IllegalArgumentException("behavior.userId must be " + userId + ", got: " + behavior.userId());
        }
        double w = weights.weight(behavior);
        long t = behavior.occurredAt().toEpochMilli();
        items.computeIfAbsent(behavior.itemId(), k -> new Trace(kernel.components())).add(kernel, w, t);
        for (String category : categoriesOf.apply(behavior.itemId())) {
            categories.computeIfAbsent(category, k -> new Trace(kernel.components())).add(kernel, w, t);
        }
        latestMillis = Math.max(latestMillis, t);
    }

    /** The interest in {@code item} as of {@code asOf}, if the user ever engaged with it. */
    public Optional<Interest<ItemId>> item(ItemId item, Instant asOf) {
        Trace trace = items.get(item);
        return trace == null ? Optional.empty() : Optional.of(trace.interest(item, kernel, check(asOf), asOf));
    }

    /** The interest in {@code category} as of {@code asOf}, if the user ever engaged with it. */
    public Optional<Interest<String>> category(String category, Instant asOf) {
        Trace trace = categories.get(category);
        return trace == null ? Optional.empty() : Optional.of(trace.interest(category, kernel, check(asOf), asOf));
    }

    /** The current strength of the interest in {@code item} as of {@code asOf}; 0 when there is none. */
    public double itemStrength(ItemId item, Instant asOf) {
        Trace trace = items.get(item);
        return trace == null ? 0 : trace.current(kernel, check(asOf));
    }

    /** The current strength of the interest in {@code category} as of {@code asOf}; 0 when there is none. */
    public double categoryStrength(String category, Instant asOf) {
        Trace trace = categories.get(category);
        return trace == null ? 0 : trace.current(kernel, check(asOf));
    }

    /** The {@code k} strongest item interests as of {@code asOf}, strongest first (ties by item id). */
    public List<Interest<ItemId>> topItems(Instant asOf, int k) {
        return top(items, asOf, k, Comparator.naturalOrder());
    }

    /** The {@code k} strongest category interests as of {@code asOf}, strongest first (ties by name). */
    public List<Interest<String>> topCategories(Instant asOf, int k) {
        return top(categories, asOf, k, Comparator.naturalOrder());
    }

    /** Every item interest as of {@code asOf}, in no particular order. */
    public List<Interest<ItemId>> items(Instant asOf) {
        return top(items, asOf, Integer.MAX_VALUE, null);
    }

    /**
     * Why {@code candidate} may interest this user as of {@code asOf}: the user's interests in its
     * categories, strongest now first.
     */
    public List<Interest<String>> explain(ItemId candidate, Instant asOf, int k) {
        long at = check(asOf);
        List<Interest<String>> reasons = new ArrayList<>();
        for (String category : categoriesOf.apply(candidate)) {
            Trace trace = categories.get(category);
            if (trace != null) {
                reasons.add(trace.interest(category, kernel, at, asOf));
            }
        }
        reasons.sort(Comparator.comparingDouble((Interest<String> i) -> -i.currentStrength()).thenComparing(Interest::key));
        return reasons.subList(0, Math.min(Math.max(0, k), reasons.size()));
    }

    private <K> List<Interest<K>> top(Map<K, Trace> traces, Instant asOf, int k, Comparator<K> tieBreak) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be positive, got: " + k);
        }
        long at = check(asOf);
        List<Interest<K>> all = new ArrayList<>(traces.size());
        traces.forEach((key, trace) -> all.add(trace.interest(key, kernel, at, asOf)));
        if (tieBreak != null) {
            all.sort(Comparator.comparingDouble((Interest<K> i) -> -i.currentStrength()).thenComparing(Interest::key, tieBreak));
        }
        return all.size() <= k ? all : new ArrayList<>(all.subList(0, k));
    }

    private long check(Instant asOf) {
        long at = asOf.toEpochMilli();
        if (at < latestMillis) {
            throw new IllegalArgumentException("asOf must not be before the profile's latest behaviour " + Instant.ofEpochMilli(latestMillis)
                    + ", got: " + asOf);
        }
        return at;
    }

    /** One key's state: the kernel's components as of {@code updatedMillis}, the undecayed total and a count. */
    private static final class Trace {
        private final double[] components;
        private long updatedMillis = Long.MIN_VALUE;
        private long firstMillis = Long.MAX_VALUE;
        private double total;
        private int count;

        Trace(int size) {
            components = new double[size];
        }

        void add(DecayKernel kernel, double weight, long atMillis) {
            if (atMillis > updatedMillis) {
                if (updatedMillis != Long.MIN_VALUE) {
                    kernel.decay(components, atMillis - updatedMillis);
                }
                updatedMillis = atMillis;
            }
            kernel.add(components, updatedMillis, weight, atMillis);
            firstMillis = Math.min(firstMillis, atMillis);
            total += weight;
            count++;
        }

        double current(DecayKernel kernel, long asOfMillis) {
            return kernel.value(components, asOfMillis - updatedMillis);
        }

        <K> Interest<K> interest(K key, DecayKernel kernel, long asOfMillis, Instant asOf) {
            return new Interest<>(key, total, Math.min(total, current(kernel, asOfMillis)), count,
                    Instant.ofEpochMilli(firstMillis), Instant.ofEpochMilli(updatedMillis), asOf);
        }
    }
}
