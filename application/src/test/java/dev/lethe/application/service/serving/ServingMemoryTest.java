package dev.lethe.application.service.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.application.service.serving.ServingModels.CurveInForce;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.interest.BehaviorWeights;
import dev.lethe.domain.interest.ProfileRecommender;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.tenant.TenantKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The memory model of docs/scaling.md: the serving state of a profile version is bounded by the
 * catalogue (about 1.3 KB per item at most with {@value JavaFamilies#SERVING_NEIGHBOURS} neighbours), not
 * by the number of behaviours: ten times the behaviours on the same catalogue may not grow it beyond
 * the neighbour lists filling up.
 */
class ServingMemoryTest {
    private static final int ITEMS = 2_000;
    private static final long BYTES_PER_ITEM = 1_300;

    private static ServingArtifact artifactOf(int events) {
        SplittableRandom random = new SplittableRandom(5);
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        List<Behavior> log = new ArrayList<>(events);
        for (int e = 0; e < events; e++) {
            double u = random.nextDouble();
            log.add(Behavior.of(new EventId("e" + e), new UserId("u" + random.nextInt(5_000)), new ItemId("i" + (int) (ITEMS * u * u)),
                    BehaviorType.VIEW, now.minusSeconds(random.nextLong(180 * 86_400L))));
        }
        log.sort(java.util.Comparator.comparing(Behavior::occurredAt));
        Set<ItemId> ids = new HashSet<>();
        log.forEach(b -> ids.add(b.itemId()));
        Map<ItemId, Set<String>> categories = new HashMap<>();
        ids.forEach(id -> categories.put(id, Set.of("c" + Math.floorMod(id.hashCode(), 20))));
        TenantLog tenantLog = new TenantLog(log, Catalogue.of(ids), categories);
        JavaFamilies.Inputs inputs = new JavaFamilies.Inputs(new CurveInForce(ExponentialCurve.ofDays(10), ServingModels.TENANT_SCOPE),
                tenantLog::categoriesOf, BehaviorWeights.defaults(TenantKind.ECOMMERCE));
        Recommender trained = ProfileRecommender.fit("profile", tenantLog.catalogue(), log, tenantLog::categoriesOf,
                ProfileRecommender.Settings.defaults(inputs.weights()));
        return JavaFamilies.servingArtifact(JavaFamilies.PROFILE, inputs, trained, tenantLog, events, now);
    }

    @Test
    void theServingStateIsBoundedByTheCatalogueNotByTheBehaviours() {
        ServingArtifact small = artifactOf(20_000);
        ServingArtifact large = artifactOf(200_000);
        System.out.printf("memory model: %d items, %d events: %d B (%.0f B/item, %d neighbour entries); %d events: %d B (%.0f B/item)%n", small.catalogue().size(), 20_000, small.heapBytes(), small.heapBytes() / (double) small.catalogue().size(), small.neighbours().orElseThrow().entries(), 200_000, large.heapBytes(), large.heapBytes() / (double) large.catalogue().size());
        assertThat(large.catalogue().size()).isLessThanOrEqualTo(ITEMS);
        assertThat(large.heapBytes()).isLessThanOrEqualTo(BYTES_PER_ITEM * large.catalogue().size());
        assertThat(large.neighbours().orElseThrow().entries()).isLessThanOrEqualTo((long) JavaFamilies.SERVING_NEIGHBOURS * large.catalogue().size());
        // Ten times the behaviours: the state grows by less than the neighbour lists' room, not tenfold.
        assertThat((double) large.heapBytes() / small.heapBytes()).isLessThan(3.0);
    }

}
