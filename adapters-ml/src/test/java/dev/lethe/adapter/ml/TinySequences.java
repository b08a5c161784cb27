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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated data with a learnable rule: each user walks the catalogue in steps of +1 from a random
 * start, an hour or so apart; validation asks for the next item of the walk.
 */
final class TinySequences {
    static final int ITEMS = 40;

    private TinySequences() {}

    static TrainingData data(int users, long seed) {
        Random random = new Random(seed);
        List<ItemId> ids = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            ids.add(new ItemId("item-" + i));
        }
        Catalogue catalogue = Catalogue.of(ids);
        List<Behavior> events = new ArrayList<>();
        List<ValidationCase> validation = new ArrayList<>();
        long clock = 1_700_000_000L;
        int n = 0;
        for (int u = 0; u < users; u++) {
            UserId user = new UserId("user-" + u);
            int item = random.nextInt(ITEMS);
            int length = 8 + random.nextInt(20);
            long t = clock + random.nextInt(86_400);
            List<Behavior> history = new ArrayList<>();
            for (int s = 0; s < length; s++) {
                history.add(Behavior.of(new EventId("e" + n++), user, new ItemId("item-" + item), BehaviorType.VIEW, Instant.ofEpochSecond(t)));
                item = (item + 1) % ITEMS;
                t += 1800 + random.nextInt(3600);
            }
            events.addAll(history);
            validation.add(new ValidationCase(new ScoringContext(user, history, Instant.ofEpochSecond(t)), new ItemId("item-" + item)));
        }
        events.sort(java.util.Comparator.comparing(Behavior::occurredAt));
        return new TrainingData(catalogue, events, validation);
    }

    static LstmHyperParameters tiny() {
        return new LstmHyperParameters(16, 32, 1, 0f, 30, 1, 16, 0.02f, 6, 2, 7L, true, 8, true, 0, 0, false);
    }
}
