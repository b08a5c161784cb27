package dev.lethe.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lethe.application.service.serving.ServingArtifact;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.interest.BehaviorWeights;
import dev.lethe.domain.interest.ProfileRecommender;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.DecayedPopularity;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.model.TopK;
import dev.lethe.domain.tenant.TenantKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The online path scores like the offline evaluator. A log goes in through {@code POST /v1/events}, a
 * {@code profile} version is trained through {@code POST /v1/training-jobs}, and the served answers are
 * compared with the evaluator's model fitted in memory on the same log ({@link ProfileRecommender#fit},
 * scored as of the answer's {@code asOf}). After more behaviours arrive, what is documented as online
 * moves (decayed popularity and each user's own history), and the co-occurrences stay as trained.
 */
class ServingParityIT {
    private static final List<String> CATEGORIES = List.of("books", "toys", "shoes", "garden");
    private static final int ITEMS = 40;
    private static final int USERS = 30;

    private static String itemId(int i) {
        return "item-" + i;
    }

    private static Set<String> categoryOf(ItemId item) {
        return Set.of(CATEGORIES.get(Integer.parseInt(item.value().substring(5)) % CATEGORIES.size()));
    }

    private static List<Behavior> randomEvents(Random random, String prefix, int count, Instant from, Duration span) {
        List<Behavior> events = new ArrayList<>();
        BehaviorType[] types = {BehaviorType.VIEW, BehaviorType.CLICK, BehaviorType.PURCHASE};
        for (int e = 0; e < count; e++) {
            // Users stay near "their" part of the catalogue so co-occurrences carry signal.
            int user = random.nextInt(USERS);
            int item = Math.floorMod(user + (int) Math.round(random.nextGaussian() * 4), ITEMS);
            events.add(Behavior.of(new EventId(prefix + e), new UserId("u" + user), new ItemId(itemId(item)), types[random.nextInt(types.length)],
                    from.plusMillis((long) (random.nextDouble() * span.toMillis()))));
        }
        return events;
    }

    private static void send(ApiClient client, String key, List<Behavior> events) {
        for (int from = 0; from < events.size(); from += 200) {
            List<String> json = new ArrayList<>();
            for (Behavior b : events.subList(from, Math.min(events.size(), from + 200))) {
                json.add("{\"eventId\":\"" + b.eventId().value() + "\",\"userId\":\"" + b.userId().value() + "\",\"itemId\":\""
                        + b.itemId().value() + "\",\"type\":\"" + b.type().name().toLowerCase() + "\",\"timestamp\":\"" + b.occurredAt() + "\"}");
            }
            JsonNode answer = client.post("/v1/events", key, "[" + String.join(",", json) + "]").json();
            assertThat(answer.get("accepted").asInt()).isEqualTo(json.size());
        }
    }

    /** The served top 10 for each user equals the top 10 of {@code expected}, scores included. */
    private static void assertServedEquals(ApiClient client, String key, Map<UserId, List<Behavior>> histories, Function<ItemId, Set<String>> categories,
                                           java.util.function.BiFunction<UserId, Instant, double[]> expected, Catalogue catalogue) {
        for (UserId user : histories.keySet()) {
            JsonNode answer = client.get("/v1/users/" + user.value() + "/recommendations?k=10", key).json();
            assertThat(answer.get("model").asText()).isEqualTo("profile");
            Instant asOf = Instant.parse(answer.get("asOf").asText());
            double[] scores = expected.apply(user, asOf);
            BitSet consumed = new BitSet();
            histories.get(user).forEach(b -> consumed.set(catalogue.indexOf(b.itemId()).getAsInt()));
            int[] top = TopK.select(scores, 10, consumed);
            JsonNode items = answer.get("items");
            assertThat(items).hasSize(top.length);
            for (int r = 0; r < top.length; r++) {
                double servedScore = items.get(r).get("score").asDouble();
                // Ranks agree up to ties that differ only in the last bits of a sum.
                assertThat(servedScore).as("user %s rank %d", user, r).isCloseTo(scores[top[r]], within(1e-9));
                assertThat(scores[catalogue.indexOf(new ItemId(items.get(r).get("itemId").asText())).getAsInt()])
                        .as("user %s rank %d item", user, r).isCloseTo(servedScore, within(1e-9));
            }
        }
    }

    @Test
    void servedScoresEqualTheEvaluatorsAsOfTrainingAndOnlyTheOnlinePartsMoveAfterIt(@TempDir Path artifacts) {
        try (TestServer server = TestServer.start(artifacts, Optional.empty())) {
            ApiClient client = new ApiClient(server.port);
            String key = client.createTenant("parity", "ecommerce");
            for (int i = 0; i < ITEMS; i++) {
                assertThat(client.put("/v1/items/" + itemId(i), key, "{\"categories\":[\"" + categoryOf(new ItemId(itemId(i))).iterator().next() + "\"]}")
                        .status()).isEqualTo(200);
            }
            Random random = new Random(11);
            Instant now = Instant.now();
            List<Behavior> before = randomEvents(random, "b", 1_500, now.minus(Duration.ofDays(90)), Duration.ofDays(89));
            send(client, key, before);
            JsonNode job = client.awaitJob(key, client.post("/v1/training-jobs", key, "{\"family\":\"profile\",\"activation\":\"always\"}")
                    .json().get("id").asText(), Duration.ofSeconds(60));
            assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");

            Catalogue catalogue = Catalogue.of(before.stream().map(Behavior::itemId).distinct().toList());
            ServingArtifact artifact = ServingArtifact.read(artifacts.resolve("parity").resolve("v1"), BehaviorWeights.defaults(TenantKind.ECOMMERCE));
            assertThat(artifact.catalogue().items()).isEqualTo(catalogue.items());
            ProfileRecommender.Settings settings = artifact.profileSettings().orElseThrow();
            Function<ItemId, Set<String>> categories = ServingParityIT::categoryOf;
            // The evaluator's model: fitted on the whole log as of training.
            ProfileRecommender evaluator = ProfileRecommender.fit("profile", catalogue, before, categories, settings);
            Map<UserId, List<Behavior>> histories = new HashMap<>();
            for (Behavior b : before) {
                histories.computeIfAbsent(b.userId(), u -> new ArrayList<>()).add(b);
            }
            histories.values().forEach(h -> h.sort(java.util.Comparator.comparing(Behavior::occurredAt)));
            assertServedEquals(client, key, histories, categories, (user, asOf) -> {
                double[] scores = new double[catalogue.size()];
                evaluator.score(new ScoringContext(user, histories.get(user), asOf), scores);
                return scores;
            }, catalogue);

            // After training: more behaviours, one of them on an item the model never saw.
            List<Behavior> after = new ArrayList<>(randomEvents(random, "a", 400, now.minus(Duration.ofHours(12)), Duration.ofHours(11)));
            send(client, key, after);
            List<Behavior> all = new ArrayList<>(before);
            all.addAll(after);
            Map<UserId, List<Behavior>> historiesNow = new HashMap<>();
            for (Behavior b : all) {
                historiesNow.computeIfAbsent(b.userId(), u -> new ArrayList<>()).add(b);
            }
            historiesNow.values().forEach(h -> h.sort(java.util.Comparator.comparing(Behavior::occurredAt)));
            // Online: the popularity prior over every behaviour, and the user's own history. As trained: co-occurrences.
            Recommender popularityNow = DecayedPopularity.fit("p", catalogue, Optional.of(settings.popularityCurve()), all);
            ProfileRecommender online = ProfileRecommender.serving("profile", catalogue, settings, evaluator.compactNeighbours(ITEMS), popularityNow,
                    ProfileRecommender.CategoryIndex.of(catalogue, categories));
            assertServedEquals(client, key, historiesNow, categories, (user, asOf) -> {
                double[] scores = new double[catalogue.size()];
                online.score(new ScoringContext(user, historiesNow.get(user), asOf), scores);
                return scores;
            }, catalogue);
            // And the co-occurrences really are the trained ones: a refit on the whole log would score differently.
            ProfileRecommender refit = ProfileRecommender.fit("profile", catalogue, all, categories, settings);
            UserId someone = historiesNow.keySet().iterator().next();
            ScoringContext context = new ScoringContext(someone, historiesNow.get(someone), Instant.now());
            double[] a = new double[catalogue.size()];
            double[] b = new double[catalogue.size()];
            online.score(context, a);
            refit.score(context, b);
            assertThat(a).isNotEqualTo(b);
        }
    }
}
