package dev.lethe.domain.interest;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.model.TopK;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * A small test-scope implementation of the leave-last-out protocol of docs/evaluation.md (full ranking,
 * consumed items excluded, scored as of the held-out event), enough to measure this package's
 * recommender against decayed popularity; the project's evaluator lives elsewhere.
 */
final class LeaveLastOut {
    record Case(ScoringContext context, ItemId target) {}

    record Metrics(double hitRate, double ndcg, int users) {
        @Override
        public String toString() {
            return String.format("HR@10 %.4f  NDCG@10 %.6f  (%d users)", hitRate, ndcg, users);
        }
    }

    final Catalogue catalogue;
    final List<Behavior> training = new ArrayList<>();
    final List<Case> validation = new ArrayList<>();
    final List<Case> test = new ArrayList<>();

    LeaveLastOut(List<Behavior> log) {
        catalogue = Catalogue.of(log.stream().map(Behavior::itemId).toList());
        Map<UserId, List<Behavior>> byUser = new LinkedHashMap<>();
        for (Behavior b : log) {
            byUser.computeIfAbsent(b.userId(), u -> new ArrayList<>()).add(b);
        }
        for (Map.Entry<UserId, List<Behavior>> e : byUser.entrySet()) {
            List<Behavior> events = new ArrayList<>(e.getValue());
            events.sort(Comparator.comparing(Behavior::occurredAt));
            if (events.size() < 3) {
                continue;
            }
            int n = events.size();
            List<Behavior> train = events.subList(0, n - 2);
            training.addAll(train);
            validation.add(new Case(new ScoringContext(e.getKey(), train, events.get(n - 2).occurredAt()), events.get(n - 2).itemId()));
            test.add(new Case(new ScoringContext(e.getKey(), events.subList(0, n - 1), events.get(n - 1).occurredAt()), events.get(n - 1).itemId()));
        }
    }

    Metrics evaluate(Recommender model, List<Case> cases) {
        double[] hits = new double[cases.size()];
        double[] gains = new double[cases.size()];
        IntStream.range(0, cases.size()).parallel().forEach(c -> {
            Case kase = cases.get(c);
            double[] scores = new double[catalogue.size()];
            model.score(kase.context(), scores);
            BitSet excluded = new BitSet(catalogue.size());
            for (Behavior b : kase.context().history()) {
                catalogue.indexOf(b.itemId()).ifPresent(excluded::set);
            }
            OptionalInt target = catalogue.indexOf(kase.target());
            if (target.isEmpty() || excluded.get(target.getAsInt())) {
                return;
            }
            int rank = TopK.rankOf(scores, target.getAsInt(), excluded);
            if (rank < 10) {
                hits[c] = 1;
                gains[c] = 1 / (Math.log(rank + 2) / Math.log(2));
            }
        });
        return new Metrics(java.util.Arrays.stream(hits).average().orElse(0), java.util.Arrays.stream(gains).average().orElse(0), cases.size());
    }
}
