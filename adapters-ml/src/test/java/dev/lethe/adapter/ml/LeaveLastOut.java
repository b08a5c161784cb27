package dev.lethe.adapter.ml;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingData.ValidationCase;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.HashSet;

/**
 * The leave-last-out split of docs/evaluation.md over a MovieLens ratings.csv: per user (events sorted by
 * timestamp, then file position; users with fewer than 3 dropped) the last event is the test case,
 * the second-to-last the validation case, the rest training. The catalogue is every item in the file.
 */
record LeaveLastOut(TrainingData training, List<ValidationCase> test) {

    static LeaveLastOut read(Path ratingsCsv) throws IOException {
        Map<String, List<Behavior>> byUser = new LinkedHashMap<>();
        Set<ItemId> items = new HashSet<>();
        try (BufferedReader in = Files.newBufferedReader(ratingsCsv, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            int n = 0;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",");
                ItemId item = new ItemId(f[1]);
                items.add(item);
                byUser.computeIfAbsent(f[0], u -> new ArrayList<>()).add(new Behavior(new EventId("r" + n++), new UserId(f[0]), item,
                        BehaviorType.RATE, Instant.ofEpochSecond(Long.parseLong(f[3])), OptionalDouble.of(Double.parseDouble(f[2])),
                        java.util.Optional.empty()));
            }
        }
        return split(Catalogue.of(items), byUser.values());
    }

    static LeaveLastOut split(Catalogue catalogue, Iterable<List<Behavior>> users) {
        List<Behavior> train = new ArrayList<>();
        List<ValidationCase> validation = new ArrayList<>();
        List<ValidationCase> test = new ArrayList<>();
        for (List<Behavior> events : users) {
            if (events.size() < 3) {
                continue;
            }
            List<Behavior> sorted = new ArrayList<>(events);
            sorted.sort(Comparator.comparing(Behavior::occurredAt)); // stable: file position breaks ties
            int n = sorted.size();
            List<Behavior> history = sorted.subList(0, n - 2);
            train.addAll(history);
            Behavior val = sorted.get(n - 2);
            Behavior last = sorted.get(n - 1);
            validation.add(new ValidationCase(new ScoringContext(val.userId(), history, val.occurredAt()), val.itemId()));
            test.add(new ValidationCase(new ScoringContext(last.userId(), sorted.subList(0, n - 1), last.occurredAt()), last.itemId()));
        }
        train.sort(Comparator.comparing(Behavior::occurredAt));
        return new LeaveLastOut(new TrainingData(catalogue, train, validation), test);
    }
}
