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
 *
 * <p>A profile built {@linkplain #asOf for one moment} (what a request scores with) keeps one number
 * per key instead: each behaviour's retention at that moment is computed once (the kernel's components
 * summed) and shared by its item and categories, so building it costs O(behaviours × components) instead
 * of O(behaviours × keys touched × components), and reading it costs nothing. It answers only as of
 * that moment; the strengths are the same sums.
 */
public final class InterestProfile {
    private final UserId userId;
    private final DecayKernel kernel;
    private final BehaviorWeights weights;
    private final Function<ItemId, Set<String>> categoriesOf;
    private final Map<ItemId, Trace> items = new HashMap<>();
    private final Map<String, Trace> categories = new HashMap<>();
    private long latestMillis = Long.MIN_VALUE;
    /** The only moment a profile built by {@link #asOf} answers for; {@link Long#MIN_VALUE} for an updatable profile. */
    private final long fixedMillis;

    /**
     * An empty profile.
     *
     * @param categoriesOf the categories of an item (an empty set when unknown)
     */
    public InterestProfile(UserId userId, DecayKernel kernel, BehaviorWeights weights, Function<ItemId, Set<String>> categoriesOf) {
        this(userId, kernel, weights, categoriesOf, Long.MIN_VALUE);
    }

    private InterestProfile(UserId userId, DecayKernel kernel, BehaviorWeights weights, Function<ItemId, Set<String>> categoriesOf,
            long fixedMillis) {
        this.userId = Objects.requireNonNull(userId, "userId");
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.weights = Objects.requireNonNull(weights, "weights");
        this.categoriesOf = Objects.requireNonNull(categoriesOf, "categoriesOf");
        this.fixedMillis = fixedMillis;
    }

    /** A profile of {@code history} (behaviours of other users are rejected). */
    public static InterestProfile of(UserId userId, List<Behavior> history, DecayKernel kernel, BehaviorWeights weights,
            Function<ItemId, Set<String>> categoriesOf) {
        InterestProfile profile = new InterestProfile(userId, kernel, weights, categoriesOf);
        history.forEach(profile::record);
        return profile;
    }

    /**
     * The profile of {@code history} read only as of {@code asOf}: the same strengths as {@link #of}
     * read as of that moment, built without decaying a trace per key (see the class comment). Reading it
     * as of any other moment is rejected, as is recording a behaviour after {@code asOf}.
     */
    public static InterestProfile asOf(UserId userId, List<Behavior> history, DecayKernel kernel, BehaviorWeights weights,
            Function<ItemId, Set<String>> categoriesOf, Instant asOf) {
        long at = Objects.requireNonNull(asOf, "asOf").toEpochMilli();
        if (at == Long.MIN_VALUE) {
            throw new IllegalArgumentException("asOf is out of range: " + asOf);
        }
        InterestProfile profile = new InterestProfile(userId, kernel, weights, categoriesOf, at);
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
        if (fixed()) {
            if (t > fixedMillis) {
                throw new IllegalArgumentException("a profile as of " + Instant.ofEpochMilli(fixedMillis)
                        + " takes no later behaviour, got one at " + behavior.occurredAt());
            }
            double retained = w * kernel.retentionAfterMillis(fixedMillis - t);
            items.computeIfAbsent(behavior.itemId(), k -> new Trace(1)).addRetained(w, retained, t);
            for (String category : categoriesOf.apply(behavior.itemId())) {
                categories.computeIfAbsent(category, k -> new Trace(1)).addRetained(w, retained, t);
            }
        } else {
            items.computeIfAbsent(behavior.itemId(), k -> new Trace(kernel.components())).add(kernel, w, t);
            for (String category : categoriesOf.apply(behavior.itemId())) {
                categories.computeIfAbsent(category, k -> new Trace(kernel.components())).add(kernel, w, t);
            }
        }
        latestMillis = Math.max(latestMillis, t);
    }

    /** The interest in {@code item} as of {@code asOf}, if the user ever engaged with it. */
    public Optional<Interest<ItemId>> item(ItemId item, Instant asOf) {
        Trace trace = items.get(item);
        return trace == null ? Optional.empty() : Optional.of(interest(trace, item, check(asOf), asOf));
    }

    /** The interest in {@code category} as of {@code asOf}, if the user ever engaged with it. */
    public Optional<Interest<String>> category(String category, Instant asOf) {
        Trace trace = categories.get(category);
        return trace == null ? Optional.empty() : Optional.of(interest(trace, category, check(asOf), asOf));
    }

    /** The current strength of the interest in {@code item} as of {@code asOf}; 0 when there is none. */
    public double itemStrength(ItemId item, Instant asOf) {
        Trace trace = items.get(item);
        return trace == null ? 0 : current(trace, check(asOf));
    }

    /** The current strength of the interest in {@code category} as of {@code asOf}; 0 when there is none. */
    public double categoryStrength(String category, Instant asOf) {
        Trace trace = categories.get(category);
        return trace == null ? 0 : current(trace, check(asOf));
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
                reasons.add(interest(trace, category, at, asOf));
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
        traces.forEach((key, trace) -> all.add(interest(trace, key, at, asOf)));
        if (tieBreak != null) {
            all.sort(Comparator.comparingDouble((Interest<K> i) -> -i.currentStrength()).thenComparing(Interest::key, tieBreak));
        }
        return all.size() <= k ? all : new ArrayList<>(all.subList(0, k));
    }

    /** Whether this profile was built by {@link #asOf} and answers for that one moment only. */
    private boolean fixed() {
        return fixedMillis != Long.MIN_VALUE;
    }

    private double current(Trace trace, long asOfMillis) {
        return fixed() ? trace.components[0] : trace.current(kernel, asOfMillis);
    }

    private <K> Interest<K> interest(Trace trace, K key, long asOfMillis, Instant asOf) {
        return trace.interest(key, current(trace, asOfMillis), asOf);
    }

    private long check(Instant asOf) {
        long at = asOf.toEpochMilli();
        if (fixed() && at != fixedMillis) {
            throw new IllegalArgumentException("this profile answers as of " + Instant.ofEpochMilli(fixedMillis) + " only, got: " + asOf);
        }
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

        /** For a profile as of one moment: {@code retained} is {@code weight}'s retention at that moment. */
        void addRetained(double weight, double retained, long atMillis) {
            components[0] += retained;
            updatedMillis = Math.max(updatedMillis, atMillis);
            firstMillis = Math.min(firstMillis, atMillis);
            total += weight;
            count++;
        }

        double current(DecayKernel kernel, long asOfMillis) {
            return kernel.value(components, asOfMillis - updatedMillis);
        }

        <K> Interest<K> interest(K key, double current, Instant asOf) {
            return new Interest<>(key, total, Math.min(total, current), count,
                    Instant.ofEpochMilli(firstMillis), Instant.ofEpochMilli(updatedMillis), asOf);
        }
    }
}
