package dev.lethe.application.service.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.application.service.serving.ServingModels.CurveInForce;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.content.ContentAffinity;
import dev.lethe.domain.content.ContentIndex;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.interest.BehaviorWeights;
import dev.lethe.domain.interest.ProfileRecommender;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.DecayedPopularity;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.registry.ModelVersion;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.tenant.TenantKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A content version's fitted weights and new-item window survive the serving artifact, and the served
 * model tells a recent arrival from an old untouched item by the creation times the feed saw; an older
 * artifact reads the default window.
 */
class ContentServingArtifactTest {
    private static final String[] SAGAS = {"amber", "basalt"};

    @TempDir
    Path dir;

    @Test
    void theNewItemWindowIsWrittenAndReadBackAndAnArtifactWithoutOneGetsTheDefault() throws Exception {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        List<Behavior> log = new ArrayList<>();
        Map<ItemId, Item> items = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            ItemId id = new ItemId("i" + i);
            items.put(id, new Item(id, Set.of(i % 2 == 0 ? "odd" : "even"), Map.of("title", "volume " + i + " of the " + SAGAS[i % 2] + " saga"),
                    Optional.of(now.minus(Duration.ofDays(100 - i)))));
        }
        for (int e = 0; e < 30; e++) {
            log.add(Behavior.of(new EventId("e" + e), new UserId("u" + e % 3), new ItemId("i" + e % 6), BehaviorType.VIEW,
                    now.minusSeconds(3_600L * (30 - e))));
        }
        Map<ItemId, Set<String>> categories = new HashMap<>();
        items.forEach((id, item) -> categories.put(id, item.categories()));
        TenantLog tenantLog = new TenantLog(log, Catalogue.of(items.keySet()), categories, items);
        BehaviorWeights weights = BehaviorWeights.defaults(TenantKind.ECOMMERCE);
        JavaFamilies.Inputs inputs = new JavaFamilies.Inputs(new CurveInForce(ExponentialCurve.ofDays(10), ServingModels.TENANT_SCOPE),
                tenantLog::categoriesOf, weights, tenantLog::itemOf);
        ProfileRecommender profile = ProfileRecommender.fit("profile", tenantLog.catalogue(), log, tenantLog::categoriesOf,
                ProfileRecommender.Settings.defaults(weights));
        ContentAffinity trained = new ContentAffinity(JavaFamilies.PROFILE_CONTENT, profile,
                ContentIndex.fit(tenantLog.catalogue(), tenantLog::itemOf).neighbours(ContentAffinity.NEIGHBOURS),
                DecayedPopularity.fit("pop", tenantLog.catalogue(), Optional.empty(), log), 0.3, 2, id -> tenantLog.itemOf(id).flatMap(Item::createdAt), 90);
        assertThat(tenantLog.itemOf(new ItemId("i0")).flatMap(Item::createdAt)).contains(now.minus(Duration.ofDays(100)));

        JavaFamilies.servingArtifact(JavaFamilies.PROFILE_CONTENT, inputs, trained, tenantLog, 30, now).write(dir);

        ServingArtifact served = ServingArtifact.read(dir, weights);
        ServingArtifact.Content content = served.content().orElseThrow();
        assertThat(content.weight()).isEqualTo(0.3);
        assertThat(content.newItemWeight()).isEqualTo(2.0);
        assertThat(content.newItemDays()).isEqualTo(90.0);

        // Served: two untouched items of the same text join after training, one created yesterday and one
        // 400 days ago. Only the recent arrival gets the new-item weight.
        TenantServing state = new TenantServing(new TenantId("t"), Optional.of(new ModelVersion(new TenantId("t"), 1, JavaFamilies.PROFILE_CONTENT,
                "java", Map.of(), dir.toString(), true, now)), served.catalogue(), served.fallbackCurve(), served.popularity(),
                Optional.of(served), Optional.empty());
        items.values().forEach(state::itemChanged);
        Map<String, String> text = Map.of("title", "volume nine of the basalt saga");
        state.itemChanged(new Item(new ItemId("fresh"), Set.of("even"), text, Optional.of(now.minus(Duration.ofDays(1)))));
        state.itemChanged(new Item(new ItemId("stale"), Set.of("even"), text, Optional.of(now.minus(Duration.ofDays(400)))));
        state.publish();
        Recommender model = state.served().model();
        double[] scores = new double[model.catalogue().size()];
        UserId reader = new UserId("u1");
        model.score(new ScoringContext(reader, log.stream().filter(b -> b.userId().equals(reader)).toList(), now), scores);
        double fresh = scores[model.catalogue().indexOf(new ItemId("fresh")).getAsInt()];
        double stale = scores[model.catalogue().indexOf(new ItemId("stale")).getAsInt()];
        assertThat(stale).isPositive();
        assertThat(fresh).isGreaterThan(stale);

        Path properties = dir.resolve(ServingArtifact.DIRECTORY).resolve("serving.properties");
        List<String> lines = new ArrayList<>(Files.readAllLines(properties));
        assertThat(lines.removeIf(line -> line.startsWith("content.newItemDays"))).isTrue();
        Files.write(properties, lines);
        assertThat(ServingArtifact.read(dir, weights).content().orElseThrow().newItemDays()).isEqualTo(ContentAffinity.DEFAULT_NEW_ITEM_DAYS);
    }
}
