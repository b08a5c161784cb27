package dev.lethe.domain.model;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/** Small logs for the baseline tests: times are days after an epoch. */
final class Events {
    static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");
    private static int next;

    private Events() {}

    static Instant day(double d) {
        return EPOCH.plus(Duration.ofMillis(Math.round(d * 86_400_000)));
    }

    static Behavior event(String user, String item, double day) {
        return Behavior.of(new EventId("e" + next++), new UserId(user), new ItemId(item), BehaviorType.VIEW, day(day));
    }

    static Catalogue catalogue(int items) {
        return Catalogue.of(IntStream.range(0, items).mapToObj(i -> new ItemId(Integer.toString(i))).toList());
    }

    static ScoringContext context(String user, List<Behavior> log, double asOfDay) {
        List<Behavior> history = log.stream()
                .filter(b -> b.userId().value().equals(user) && b.occurredAt().isBefore(day(asOfDay)))
                .sorted(java.util.Comparator.comparing(Behavior::occurredAt))
                .toList();
        return new ScoringContext(new UserId(user), history, day(asOfDay));
    }

    /** {@code n} events of {@code users} users over {@code items} items spread over {@code days} days. */
    static List<Behavior> random(long seed, int n, int users, int items, double days) {
        Random random = new Random(seed);
        List<Behavior> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(event("u" + random.nextInt(users), Integer.toString(random.nextInt(items)), random.nextDouble() * days));
        }
        return events;
    }

    static double[] score(Recommender model, ScoringContext context) {
        double[] scores = new double[model.catalogue().size()];
        model.score(context, scores);
        return scores;
    }
}
