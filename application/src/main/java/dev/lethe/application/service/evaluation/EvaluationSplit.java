package dev.lethe.application.service.evaluation;

import dev.lethe.application.port.in.EvaluationProtocol;
import dev.lethe.application.port.in.EvaluationReport.DatasetSummary;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingData.ValidationCase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A dataset split by one of the protocols of docs/evaluation.md: what the models learn from
 * ({@code training}: catalogue, training events, validation cases) and the test cases, each a
 * user's history up to the held-out event, the moment of it and the item.
 */
public record EvaluationSplit(TrainingData training, List<ValidationCase> tests, DatasetSummary summary) {

    /** The same split whose training data knows the items' categories. */
    public EvaluationSplit withCategories(Map<ItemId, Set<String>> categories) {
        return new EvaluationSplit(training.withCategories(categories), tests, summary);
    }

    /** The share of events, by time, on the test side of the temporal cut. */
    public static final double TEMPORAL_TEST_SHARE = 0.10;
    /** Users with fewer events are dropped by leave-last-out. */
    public static final int MIN_EVENTS_PER_USER = 3;

    public EvaluationSplit {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(summary, "summary");
        tests = List.copyOf(tests);
        if (tests.isEmpty()) {
            throw new IllegalArgumentException("events must leave at least one user to test; none qualifies under the protocol");
        }
    }

    /** Splits {@code events} (in file order) by {@code protocol}. */
    public static EvaluationSplit of(String datasetName, List<Behavior> events, EvaluationProtocol protocol) {
        return switch (protocol) {
            case LEAVE_LAST_OUT -> leaveLastOut(datasetName, events);
            case TEMPORAL -> temporal(datasetName, events);
            case COLD_ITEMS -> coldItems(datasetName, events);
        };
    }

    /**
     * Per user, events sorted by (timestamp, position in the file); users with fewer than three are
     * dropped; the last event is the test, the second-to-last validation, the rest training.
     */
    public static EvaluationSplit leaveLastOut(String datasetName, List<Behavior> events) {
        List<Behavior> sorted = inTimeOrder(events);
        Map<UserId, List<Behavior>> byUser = new LinkedHashMap<>();
        for (Behavior b : sorted) {
            byUser.computeIfAbsent(b.userId(), u -> new ArrayList<>()).add(b);
        }
        Set<Behavior> training = identitySet();
        List<ValidationCase> validation = new ArrayList<>();
        List<ValidationCase> tests = new ArrayList<>();
        int dropped = 0;
        for (Map.Entry<UserId, List<Behavior>> e : byUser.entrySet()) {
            List<Behavior> seq = e.getValue();
            int n = seq.size();
            if (n < MIN_EVENTS_PER_USER) {
                dropped++;
                continue;
            }
            training.addAll(seq.subList(0, n - 2));
            validation.add(heldOut(e.getKey(), seq.subList(0, n - 2), seq.get(n - 2)));
            tests.add(heldOut(e.getKey(), seq.subList(0, n - 1), seq.get(n - 1)));
        }
        return assemble(datasetName, sorted, training, validation, tests, dropped, Optional.empty());
    }

    /**
     * One global cut: the last 10% of events by (timestamp, position) are test candidates and the cut
     * time is the timestamp of the first of them, so no timestamp straddles the cut. Every event
     * before the cut is known; of it, each user's last event (for users with at least two) is held
     * out as a validation case. Each user with events on both sides is tested on their first event
     * at or after the cut, as of that event.
     */
    public static EvaluationSplit temporal(String datasetName, List<Behavior> events) {
        return temporal(datasetName, events, false);
    }

    /**
     * The temporal cut of {@link #temporal}, with the same training and validation events; the tests
     * are the new items' first events: an item is new when its first event in the dataset is at or
     * after the cut, and each user's first event on each new item is tested as of that event, with all
     * the user's earlier events (before and after the cut) as history. Users with no earlier event are
     * not tested. Models learn nothing of the new items but what the items file says of them.
     */
    public static EvaluationSplit coldItems(String datasetName, List<Behavior> events) {
        return temporal(datasetName, events, true);
    }

    private static EvaluationSplit temporal(String datasetName, List<Behavior> events, boolean coldItems) {
        List<Behavior> sorted = inTimeOrder(events);
        int firstTest = sorted.size() - (int) Math.ceil(sorted.size() * TEMPORAL_TEST_SHARE);
        if (firstTest <= 0 || firstTest >= sorted.size()) {
            throw new IllegalArgumentException("events must be at least 2 for a temporal split, got: " + sorted.size());
        }
        Instant cut = sorted.get(firstTest).occurredAt();
        Map<UserId, List<Behavior>> before = new LinkedHashMap<>();
        Map<UserId, Behavior> firstAfter = new LinkedHashMap<>();
        for (Behavior b : sorted) {
            if (b.occurredAt().isBefore(cut)) {
                before.computeIfAbsent(b.userId(), u -> new ArrayList<>()).add(b);
            } else {
                firstAfter.putIfAbsent(b.userId(), b);
            }
        }
        if (before.isEmpty()) {
            throw new IllegalArgumentException("events must span more than one timestamp: all of them fall at the cut " + cut);
        }
        Set<Behavior> training = identitySet();
        List<ValidationCase> validation = new ArrayList<>();
        List<ValidationCase> tests = new ArrayList<>();
        for (Map.Entry<UserId, List<Behavior>> e : before.entrySet()) {
            List<Behavior> seq = e.getValue();
            int n = seq.size();
            if (n >= 2) {
                training.addAll(seq.subList(0, n - 1));
                validation.add(heldOut(e.getKey(), seq.subList(0, n - 1), seq.get(n - 1)));
            } else {
                training.addAll(seq);
            }
            Behavior target = firstAfter.get(e.getKey());
            if (target != null && !coldItems) {
                tests.add(heldOut(e.getKey(), seq, target));
            }
        }
        if (coldItems) {
            tests.addAll(newItemCases(sorted, cut));
        }
        Set<UserId> users = new HashSet<>(before.keySet());
        users.addAll(firstAfter.keySet());
        Set<UserId> tested = new HashSet<>();
        tests.forEach(t -> tested.add(t.context().userId()));
        return assemble(datasetName, sorted, training, validation, tests, users.size() - tested.size(), Optional.of(cut));
    }

    /** Each user's first event on each item first seen at or after {@code cut}, as of it, after at least one earlier event. */
    private static List<ValidationCase> newItemCases(List<Behavior> sorted, Instant cut) {
        Set<ItemId> seenBefore = new HashSet<>();
        Map<UserId, List<Behavior>> history = new LinkedHashMap<>();
        Set<String> tested = new HashSet<>();
        List<ValidationCase> cases = new ArrayList<>();
        for (Behavior b : sorted) {
            if (b.occurredAt().isBefore(cut)) {
                seenBefore.add(b.itemId());
            } else if (!seenBefore.contains(b.itemId())) {
                List<Behavior> past = history.get(b.userId());
                if (past != null && tested.add(b.userId().value() + "\u0000" + b.itemId().value())) {
                    cases.add(heldOut(b.userId(), past, b));
                }
            }
            history.computeIfAbsent(b.userId(), u -> new ArrayList<>()).add(b);
        }
        return cases;
    }

    /** {@code sorted} is every event in time order; {@code training} those of them that are training events. */
    private static EvaluationSplit assemble(String datasetName, List<Behavior> sorted, Set<Behavior> training,
            List<ValidationCase> validation, List<ValidationCase> tests, int dropped, Optional<Instant> cut) {
        List<ItemId> items = new ArrayList<>(sorted.size());
        Set<UserId> users = new HashSet<>();
        List<Behavior> trainingInTimeOrder = new ArrayList<>(training.size());
        for (Behavior b : sorted) {
            items.add(b.itemId());
            users.add(b.userId());
            if (training.contains(b)) {
                trainingInTimeOrder.add(b);
            }
        }
        Catalogue catalogue = Catalogue.of(items);
        DatasetSummary summary = new DatasetSummary(datasetName, sorted.size(), users.size(), catalogue.size(),
                sorted.get(0).occurredAt(), sorted.get(sorted.size() - 1).occurredAt(),
                dropped, trainingInTimeOrder.size(), validation.size(), tests.size(), cut);
        return new EvaluationSplit(new TrainingData(catalogue, trainingInTimeOrder, validation), tests, summary);
    }

    /** Behaviours are records: two identical lines of a file are equal but are still two events. */
    private static Set<Behavior> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    private static ValidationCase heldOut(UserId user, List<Behavior> history, Behavior target) {
        return new ValidationCase(new ScoringContext(user, history, target.occurredAt()), target.itemId());
    }

    /** A stable sort by timestamp: events with equal timestamps keep their order in the input. */
    private static List<Behavior> inTimeOrder(List<Behavior> events) {
        List<Behavior> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(Behavior::occurredAt));
        return sorted;
    }
}
