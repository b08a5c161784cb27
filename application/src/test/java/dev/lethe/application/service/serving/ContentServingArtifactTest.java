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

/** A content version's fitted weights and new-item window survive the serving artifact; an older artifact reads the default window. */
class ContentServingArtifactTest {
    @TempDir
    Path dir;

    @Test
    void theNewItemWindowIsWrittenAndReadBackAndAnArtifactWithoutOneGetsTheDefault() throws Exception {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        List<Behavior> log = new ArrayList<>();
        Map<ItemId, Item> items = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            ItemId id = new ItemId("i" + i);
            items.put(id, new Item(id, Set.of(i % 2 == 0 ? "odd" : "even"), Map.of("title", "volume " + i + " of the series " + i % 2),
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

        ServingArtifact.Content content = ServingArtifact.read(dir, weights).content().orElseThrow();
        assertThat(content.weight()).isEqualTo(0.3);
        assertThat(content.newItemWeight()).isEqualTo(2.0);
        assertThat(content.newItemDays()).isEqualTo(90.0);

        Path properties = dir.resolve(ServingArtifact.DIRECTORY).resolve("serving.properties");
        List<String> lines = new ArrayList<>(Files.readAllLines(properties));
        assertThat(lines.removeIf(line -> line.startsWith("content.newItemDays"))).isTrue();
        Files.write(properties, lines);
        assertThat(ServingArtifact.read(dir, weights).content().orElseThrow().newItemDays()).isEqualTo(ContentAffinity.DEFAULT_NEW_ITEM_DAYS);
    }
}
