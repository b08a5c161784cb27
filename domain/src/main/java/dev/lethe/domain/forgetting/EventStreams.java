package dev.lethe.domain.forgetting;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.UserId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every user's behaviour times (seconds from the log's first behaviour) and types, flattened: user u
 * owns indices [start[u], start[u+1]). Each user is observed from their first to their last
 * behaviour; a temporal split holds out the last share of that window as the future to predict.
 */
final class EventStreams {
    final List<UserId> users;
    final int[] start;
    final double[] time;
    final BehaviorType[] type;

    private EventStreams(List<UserId> users, int[] start, double[] time, BehaviorType[] type) {
        this.users = users;
        this.start = start;
        this.time = time;
        this.type = type;
    }

    static EventStreams of(List<Behavior> log) {
        Map<UserId, List<Behavior>> byUser = new HashMap<>();
        long origin = Long.MAX_VALUE;
        for (Behavior b : log) {
            byUser.computeIfAbsent(b.userId(), u -> new ArrayList<>()).add(b);
            origin = Math.min(origin, b.occurredAt().toEpochMilli());
        }
        List<UserId> users = new ArrayList<>(byUser.keySet());
        users.sort(Comparator.naturalOrder());
        int[] start = new int[users.size() + 1];
        double[] time = new double[log.size()];
        BehaviorType[] type = new BehaviorType[log.size()];
        int k = 0;
        for (int u = 0; u < users.size(); u++) {
            start[u] = k;
            List<Behavior> events = byUser.get(users.get(u));
            // Stable: equal timestamps keep log order.
            events.sort(Comparator.comparing(Behavior::occurredAt));
            for (Behavior b : events) {
                time[k] = (b.occurredAt().toEpochMilli() - origin) / 1000.0;
                type[k] = b.type();
                k++;
            }
        }
        start[users.size()] = k;
        return new EventStreams(List.copyOf(users), start, time, type);
    }

    int userCount() {
        return users.size();
    }

    int events(int u) {
        return start[u + 1] - start[u];
    }

    double first(int u) {
        return time[start[u]];
    }

    double last(int u) {
        return time[start[u + 1] - 1];
    }

    /**
     * One observation window per user: behaviours with index in (firstScored − 1, lastScored] are
     * scored, the compensator runs over [from, to]; earlier behaviours are history only.
     */
    record Windows(int[] firstScored, int[] lastScored, double[] from, double[] to) {
        int scoredEvents() {
            int n = 0;
            for (int u = 0; u < firstScored.length; u++) {
                n += Math.max(0, lastScored[u] - firstScored[u] + 1);
            }
            return n;
        }
    }

    /** Every user's whole window: the first behaviour is conditioned on, the others scored. */
    Windows whole() {
        int n = userCount();
        int[] a = new int[n];
        int[] b = new int[n];
        double[] from = new double[n];
        double[] to = new double[n];
        for (int u = 0; u < n; u++) {
            a[u] = start[u] + 1;
            b[u] = start[u + 1] - 1;
            from[u] = first(u);
            to[u] = last(u);
        }
        return new Windows(a, b, from, to);
    }

    /** The first {@code 1 − heldOutShare} of every user's window: what a fit may see. */
    Windows training(double heldOutShare) {
        return between(0, 1 - heldOutShare);
    }

    /** The last {@code heldOutShare} of every user's window, everything before it as history: what a fit must predict. */
    Windows heldOut(double heldOutShare) {
        return between(1 - heldOutShare, 1);
    }

    /**
     * The part of every user's window between the shares {@code fromShare} and {@code toShare} of it
     * (0 and 1: the whole window), everything before it as history.
     */
    Windows between(double fromShare, double toShare) {
        Windows whole = whole();
        for (int u = 0; u < userCount(); u++) {
            if (fromShare > 0) {
                double cut = at(u, fromShare);
                whole.from()[u] = cut;
                whole.firstScored()[u] = lastAtOrBefore(u, cut) + 1;
            }
            if (toShare < 1) {
                double cut = at(u, toShare);
                whole.to()[u] = cut;
                whole.lastScored()[u] = lastAtOrBefore(u, cut);
            }
        }
        return whole;
    }

    private double at(int u, double share) {
        return first(u) + share * (last(u) - first(u));
    }

    private int lastAtOrBefore(int u, double t) {
        int i = start[u];
        while (i + 1 < start[u + 1] && time[i + 1] <= t) {
            i++;
        }
        return i;
    }
}
