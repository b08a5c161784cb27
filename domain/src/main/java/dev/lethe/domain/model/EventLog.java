package dev.lethe.domain.model;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.UserId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The behaviours a model may know, as compact time-sorted columns (item index, user index, epoch
 * millis), so that "only what happened strictly before {@code asOf}" is a prefix of the arrays.
 * Events whose item is not in the catalogue are dropped.
 *
 * <p>{@link #known(TrainingData)} is the log of everything a model may know at test time: the
 * training events plus the validation events. A validation event is part of the user's history at
 * test time, so counting it is not leakage; scoring a validation case itself stays honest because
 * only events strictly before its moment are read.
 */
public final class EventLog {
    private final Catalogue catalogue;
    private final int[] items;
    private final int[] users;
    private final long[] times;
    private final int userCount;

    private EventLog(Catalogue catalogue, int[] items, int[] users, long[] times, int userCount) {
        this.catalogue = catalogue;
        this.items = items;
        this.users = users;
        this.times = times;
        this.userCount = userCount;
    }

    /** The training events alone (no validation events). */
    public static EventLog training(TrainingData data) {
        return of(data.catalogue(), data.events());
    }

    /** Training events plus the validation events (the targets of the validation cases). */
    public static EventLog known(TrainingData data) {
        return of(data.catalogue(), data.known());
    }

    /**
     * A log of {@code events}; the sort by time is stable, so events with equal timestamps keep
     * the order they are given in (the position in the file, for the evaluator).
     */
    public static EventLog of(Catalogue catalogue, List<Behavior> events) {
        Behavior[] sorted = events.toArray(new Behavior[0]);
        Arrays.sort(sorted, (a, b) -> a.occurredAt().compareTo(b.occurredAt()));
        int[] items = new int[sorted.length];
        int[] users = new int[sorted.length];
        long[] times = new long[sorted.length];
        Map<UserId, Integer> userIndex = new HashMap<>();
        int n = 0;
        for (Behavior b : sorted) {
            OptionalInt item = catalogue.indexOf(b.itemId());
            if (item.isEmpty()) {
                continue;
            }
            items[n] = item.getAsInt();
            users[n] = userIndex.computeIfAbsent(b.userId(), u -> userIndex.size());
            times[n] = b.occurredAt().toEpochMilli();
            n++;
        }
        return new EventLog(catalogue, Arrays.copyOf(items, n), Arrays.copyOf(users, n), Arrays.copyOf(times, n), userIndex.size());
    }

    /** The catalogue whose indices {@link #item} returns. */
    public Catalogue catalogue() {
        return catalogue;
    }

    /** Number of events. */
    public int size() {
        return items.length;
    }

    /** Number of distinct users (user indices run from 0 to this, exclusive). */
    public int userCount() {
        return userCount;
    }

    /** Catalogue index of the item of event {@code e} (events are in time order). */
    public int item(int e) {
        return items[e];
    }

    /** Dense index of the user of event {@code e}. */
    public int user(int e) {
        return users[e];
    }

    /** Epoch millis of event {@code e}. */
    public long time(int e) {
        return times[e];
    }

    /** How many events happened strictly before {@code epochMillis}: they are events {@code 0..n-1}. */
    public int countBefore(long epochMillis) {
        return countBefore(times, epochMillis);
    }

    /** How many entries of the ascending {@code sortedTimes} are strictly before {@code epochMillis}. */
    public static int countBefore(long[] sortedTimes, long epochMillis) {
        int lo = 0;
        int hi = sortedTimes.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sortedTimes[mid] < epochMillis) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
