package dev.lethe.domain.interest;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.forgetting.ForgettingCurve;
import dev.lethe.domain.forgetting.PowerLawCurve;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.OnlinePopularity;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.model.TopK;
import dev.lethe.domain.tenant.TenantKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * What one served {@code profile} recommendation costs on the server's CPU, without HTTP or the
 * database (docs/benchmarks.md, "Scale"): a tenant shaped like the scale benchmark's (items in
 * {@code categories} categories, behaviours uniform over 180 days), a profile trained on it and served
 * as {@code serving} builds it (top-100 neighbours, online popularity), then per request what
 * {@code RecommendService} does after its reads: the user's profile from their history, the score over
 * the catalogue, the history's items excluded by their catalogue index, the top 10 (RecommendService now checks
 * consumed items on the ranked candidates instead; the harness keeps the lookup so its figures compare with the first ones).
 *
 * <p>{@code java -cp domain/target/classes:domain/target/test-classes dev.lethe.domain.interest.ServingScoreBenchmark
 * [items] [users] [historyLength] [exponential|power-law] [seconds]}: after 5 s of warm-up, five rounds of
 * {@code seconds / 5}; prints each round's median and p99 per request, their medians, the load average and the
 * kernel's component count.
 */
public final class ServingScoreBenchmark {
    private static final long DAY = 86_400_000L;

    private ServingScoreBenchmark() {
    }

    public static void main(String[] args) {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int history = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        String family = args.length > 3 ? args[3] : "power-law";
        double seconds = args.length > 4 ? Double.parseDouble(args[4]) : 10;
        int categoryCount = 20;
        ForgettingCurve curve = family.equals("exponential") ? ExponentialCurve.ofDays(30) : new PowerLawCurve(0.35, 3_600);

        long now = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
        SplittableRandom random = new SplittableRandom(7);
        List<ItemId> ids = new ArrayList<>(items);
        Map<ItemId, Set<String>> categoriesOf = new HashMap<>();
        for (int i = 0; i < items; i++) {
            ItemId id = new ItemId("i" + i);
            ids.add(id);
            categoriesOf.put(id, Set.of("c" + (i % categoryCount)));
        }
        Catalogue catalogue = Catalogue.of(ids);
        List<List<Behavior>> histories = new ArrayList<>(users);
        List<Behavior> log = new ArrayList<>(users * history);
        long event = 0;
        for (int u = 0; u < users; u++) {
            UserId user = new UserId("u" + u);
            long[] times = new long[history];
            for (int h = 0; h < history; h++) {
                times[h] = now - 1 - (long) (random.nextDouble() * 180 * DAY);
            }
            Arrays.sort(times);
            List<Behavior> own = new ArrayList<>(history);
            for (int h = 0; h < history; h++) {
                own.add(Behavior.of(new EventId("e" + event++), user, ids.get(random.nextInt(items)), BehaviorType.VIEW,
                        Instant.ofEpochMilli(times[h])));
            }
            histories.add(own);
            log.addAll(own);
        }
        ProfileRecommender.Settings settings = ProfileRecommender.Settings.defaults(BehaviorWeights.defaults(TenantKind.ECOMMERCE))
                .withProfileCurve(curve);
        ProfileRecommender trained = ProfileRecommender.fit("profile", catalogue, log, id -> categoriesOf.getOrDefault(id, Set.of()), settings);
        OnlinePopularity popularity = OnlinePopularity.of(Optional.of(settings.popularityCurve()), catalogue, log, now);
        ProfileRecommender served = ProfileRecommender.serving("profile", catalogue, settings, trained.compactNeighbours(100),
                popularity.over("profile-popularity", catalogue),
                ProfileRecommender.CategoryIndex.of(catalogue, id -> categoriesOf.getOrDefault(id, Set.of())));
        System.out.printf("items %d, users %d, history %d, %s curve (%d kernel components), %d behaviours%n", items, users, history,
                family, DecayKernel.of(curve).components(), log.size());

        // Warm-up (JIT), then rounds of equal length: the median of the rounds' medians is the figure.
        double sink = 0;
        int u = 0;
        long warmUntil = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            sink += request(served, catalogue, histories.get(u), Instant.ofEpochMilli(now));
            u = (u + 1) % users;
        }
        int roundCount = 5;
        double[] medians = new double[roundCount];
        double[] p99s = new double[roundCount];
        for (int r = 0; r < roundCount; r++) {
            List<Long> took = new ArrayList<>();
            long deadline = System.nanoTime() + (long) (seconds / roundCount * 1e9);
            while (System.nanoTime() < deadline) {
                long start = System.nanoTime();
                sink += request(served, catalogue, histories.get(u), Instant.ofEpochMilli(now));
                took.add(System.nanoTime() - start);
                u = (u + 1) % users;
            }
            long[] sorted = took.stream().mapToLong(Long::longValue).sorted().toArray();
            medians[r] = sorted[sorted.length / 2] / 1e6;
            p99s[r] = sorted[(int) (sorted.length * 0.99)] / 1e6;
            System.out.printf("round %d: %d requests, median %.3f ms, p99 %.3f ms%n", r + 1, sorted.length, medians[r], p99s[r]);
        }
        Arrays.sort(medians);
        Arrays.sort(p99s);
        System.out.printf("median of round medians %.3f ms, of round p99s %.3f ms, load average %.2f (checksum %.1f)%n",
                medians[roundCount / 2], p99s[roundCount / 2],
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), sink);
    }

    /** One request once the history is read: score, exclude the history's items, top 10. */
    private static double request(Recommender model, Catalogue catalogue, List<Behavior> history, Instant asOf) {
        double[] scores = new double[catalogue.size()];
        model.score(new ScoringContext(history.get(0).userId(), history, asOf), scores);
        BitSet excluded = new BitSet(catalogue.size());
        for (Behavior b : history) {
            catalogue.indexOf(b.itemId()).ifPresent(excluded::set);
        }
        int[] top = TopK.select(scores, 10, excluded);
        return scores[top[0]];
    }
}
