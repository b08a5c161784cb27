package dev.lethe.domain.forgetting;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Re-engagement observations built from a behaviour log, the data forgetting curves are fitted on.
 * Every interaction of a user with a key (an item, or one of the item's categories) starts an
 * observation; it ends either with the user's next interaction with the same key (a return after
 * Δt) or, when there is none, is censored at the user's last behaviour in the log (no return within
 * Δt). Column-oriented for speed: ml-latest-small yields about a quarter of a million observations.
 */
public final class Reengagements {
    private final ReengagementLevel level;
    private final List<UserId> users;
    private final int[] user;
    private final double[] elapsedSeconds;
    private final boolean[] returned;
    private final BehaviorType[] originType;

    private Reengagements(ReengagementLevel level, List<UserId> users, int[] user, double[] elapsedSeconds,
            boolean[] returned, BehaviorType[] originType) {
        this.level = level;
        this.users = users;
        this.user = user;
        this.elapsedSeconds = elapsedSeconds;
        this.returned = returned;
        this.originType = originType;
    }

    /**
     * Builds the observations of {@code log} at {@code level}; {@code categories} maps items to their
     * categories (items absent from it have none and yield no category observations).
     */
    public static Reengagements of(List<Behavior> log, Map<ItemId, Set<String>> categories, ReengagementLevel level) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(categories, "categories");
        Objects.requireNonNull(level, "level");
        Map<UserId, List<Behavior>> byUser = new HashMap<>();
        for (Behavior b : log) {
            byUser.computeIfAbsent(b.userId(), u -> new ArrayList<>()).add(b);
        }
        List<UserId> users = new ArrayList<>(byUser.keySet());
        users.sort(Comparator.naturalOrder());
        Builder builder = new Builder(log.size() * (level == ReengagementLevel.CATEGORY ? 3 : 1));
        for (int u = 0; u < users.size(); u++) {
            List<Behavior> events = byUser.get(users.get(u));
            // Stable sort: equal timestamps keep log order, as the evaluation protocol does.
            events.sort(Comparator.comparing(Behavior::occurredAt));
            long end = events.get(events.size() - 1).occurredAt().toEpochMilli();
            Map<Object, Behavior> lastByKey = new HashMap<>();
            for (Behavior b : events) {
                for (Object key : keys(b, categories, level)) {
                    Behavior previous = lastByKey.put(key, b);
                    if (previous != null) {
                        builder.add(u, seconds(b.occurredAt().toEpochMilli() - previous.occurredAt().toEpochMilli()), true, previous.type());
                    }
                }
            }
            for (Behavior open : lastByKey.values()) {
                builder.add(u, seconds(end - open.occurredAt().toEpochMilli()), false, open.type());
            }
        }
        return builder.build(level, List.copyOf(users));
    }

    private static final List<String> ANY = List.of("*");

    /** The keys a behaviour engages with at {@code level}: its item, its item's categories, or the user's one key. */
    static Iterable<?> keys(Behavior b, Map<ItemId, Set<String>> categories, ReengagementLevel level) {
        return switch (level) {
            case ITEM -> List.of(b.itemId());
            case CATEGORY -> categories.getOrDefault(b.itemId(), Set.of());
            case USER -> ANY;
        };
    }

    private static double seconds(long millis) {
        return millis / 1000.0;
    }

    /**
     * Observations given directly, for simulations and tests: one entry per observation.
     *
     * @param userIndex index into {@code users} of each observation
     */
    public static Reengagements of(ReengagementLevel level, List<UserId> users, int[] userIndex, double[] elapsedSeconds,
            boolean[] returned, BehaviorType[] originType) {
        Objects.requireNonNull(level, "level");
        int n = userIndex.length;
        if (elapsedSeconds.length != n || returned.length != n || originType.length != n) {
            throw new IllegalArgumentException("userIndex, elapsedSeconds, returned and originType must have the same length");
        }
        for (int i = 0; i < n; i++) {
            if (userIndex[i] < 0 || userIndex[i] >= users.size()) {
                throw new IllegalArgumentException("userIndex must index users, got: " + userIndex[i]);
            }
            if (!(elapsedSeconds[i] >= 0) || Double.isInfinite(elapsedSeconds[i])) {
                throw new IllegalArgumentException("elapsedSeconds must be finite and non-negative, got: " + elapsedSeconds[i]);
            }
            Objects.requireNonNull(originType[i], "originType");
        }
        return new Reengagements(level, List.copyOf(users), userIndex.clone(), elapsedSeconds.clone(), returned.clone(), originType.clone());
    }

    /** Items or categories. */
    public ReengagementLevel level() {
        return level;
    }

    /** Number of observations. */
    public int size() {
        return user.length;
    }

    /** Number of observations that ended in a return. */
    public int returns() {
        int n = 0;
        for (boolean r : returned) {
            if (r) {
                n++;
            }
        }
        return n;
    }

    /** The users in index order. */
    public List<UserId> users() {
        return users;
    }

    /** Index into {@link #users()} of observation {@code i}. */
    public int user(int i) {
        return user[i];
    }

    /** Time from the interaction to the return, or to the censoring point. */
    public double elapsedSeconds(int i) {
        return elapsedSeconds[i];
    }

    /** Whether observation {@code i} ended in a return (else it is censored). */
    public boolean returned(int i) {
        return returned[i];
    }

    /** The behaviour type of the interaction that started observation {@code i}. */
    public BehaviorType originType(int i) {
        return originType[i];
    }

    /** The observations started by a behaviour of {@code type}. */
    public Reengagements startedBy(BehaviorType type) {
        return filter(i -> originType[i] == type);
    }

    /** The observations of users whose index satisfies {@code keep}. */
    public Reengagements ofUsers(java.util.function.IntPredicate keep) {
        return filter(i -> keep.test(user[i]));
    }

    /** The observations of each user, indexed like {@link #users()}; users without any get an empty set. */
    public List<Reengagements> perUser() {
        int[] counts = new int[users.size()];
        for (int u : user) {
            counts[u]++;
        }
        Builder[] builders = new Builder[users.size()];
        for (int u = 0; u < builders.length; u++) {
            builders[u] = new Builder(counts[u]);
        }
        for (int i = 0; i < user.length; i++) {
            builders[user[i]].add(0, elapsedSeconds[i], returned[i], originType[i]);
        }
        List<Reengagements> result = new ArrayList<>(users.size());
        for (int u = 0; u < builders.length; u++) {
            result.add(builders[u].build(level, List.of(users.get(u))));
        }
        return result;
    }

    private Reengagements filter(java.util.function.IntPredicate keep) {
        Builder builder = new Builder(16);
        for (int i = 0; i < user.length; i++) {
            if (keep.test(i)) {
                builder.add(user[i], elapsedSeconds[i], returned[i], originType[i]);
            }
        }
        return builder.build(level, users);
    }

    private static final class Builder {
        private int[] user;
        private double[] elapsed;
        private boolean[] returned;
        private BehaviorType[] type;
        private int n;

        Builder(int capacity) {
            int c = Math.max(capacity, 4);
            user = new int[c];
            elapsed = new double[c];
            returned = new boolean[c];
            type = new BehaviorType[c];
        }

        void add(int u, double seconds, boolean r, BehaviorType t) {
            if (n == user.length) {
                int c = n * 2;
                user = Arrays.copyOf(user, c);
                elapsed = Arrays.copyOf(elapsed, c);
                returned = Arrays.copyOf(returned, c);
                type = Arrays.copyOf(type, c);
            }
            user[n] = u;
            elapsed[n] = seconds;
            returned[n] = r;
            type[n] = t;
            n++;
        }

        Reengagements build(ReengagementLevel level, List<UserId> users) {
            return new Reengagements(level, users, Arrays.copyOf(user, n), Arrays.copyOf(elapsed, n),
                    Arrays.copyOf(returned, n), Arrays.copyOf(type, n));
        }
    }
}
