package dev.lethe.application.service.training;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingData.ValidationCase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a time-ordered log into training events and one validation case per user: the user's last
 * behaviour is held out and scored as of its own moment, from the user's earlier behaviours. Users with
 * fewer than {@link #MIN_EVENTS} behaviours only train.
 */
final class LeaveLastOut {
    static final int MIN_EVENTS = 3;
    /** History handed to a validation case, like serving's window. */
    static final int MAX_HISTORY = 200;

    private LeaveLastOut() {}

    /** At most {@code maxCases} validation cases, spread evenly over the eligible users. */
    static TrainingData split(Catalogue catalogue, List<Behavior> log, int maxCases) {
        Map<UserId, List<Integer>> positions = new LinkedHashMap<>();
        for (int i = 0; i < log.size(); i++) {
            positions.computeIfAbsent(log.get(i).userId(), u -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> eligible = positions.values().stream().filter(p -> p.size() >= MIN_EVENTS).toList();
        Set<Integer> heldOut = new HashSet<>();
        List<ValidationCase> cases = new ArrayList<>();
        double stride = Math.max(1.0, eligible.size() / (double) Math.max(1, maxCases));
        for (double u = 0; u < eligible.size() && cases.size() < maxCases; u += stride) {
            List<Integer> mine = eligible.get((int) u);
            int last = mine.get(mine.size() - 1);
            Behavior target = log.get(last);
            List<Behavior> history = new ArrayList<>();
            for (int j = Math.max(0, mine.size() - 1 - MAX_HISTORY); j < mine.size() - 1; j++) {
                history.add(log.get(mine.get(j)));
            }
            cases.add(new ValidationCase(new ScoringContext(target.userId(), history, target.occurredAt()), target.itemId()));
            heldOut.add(last);
        }
        List<Behavior> training = new ArrayList<>(log.size() - heldOut.size());
        for (int i = 0; i < log.size(); i++) {
            if (!heldOut.contains(i)) {
                training.add(log.get(i));
            }
        }
        return new TrainingData(catalogue, training, cases);
    }
}
