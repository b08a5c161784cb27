package dev.lethe.application.service.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.ForgettingCurveRepository;
import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.application.port.out.ModelEnginePort;
import dev.lethe.application.port.out.ModelRegistry;
import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.OnlinePopularity;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.registry.ModelVersion;
import dev.lethe.domain.tenant.Tenant;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.tenant.TenantKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class ServingModelsTest {
    private static final TenantId TENANT = new TenantId("shop");

    @Mock
    BehaviorRepository behaviors;
    @Mock
    ItemRepository items;
    @Mock
    TenantRepository tenants;
    @Mock
    ForgettingCurveRepository curves;
    @Mock
    ModelRegistry registry;
    @Mock
    ModelEnginePort engine;

    @BeforeEach
    void tenant() {
        lenient().when(tenants.find(TENANT)).thenReturn(Optional.of(new Tenant(TENANT, "Shop", TenantKind.ECOMMERCE, Instant.EPOCH)));
        lenient().when(tenants.list()).thenReturn(List.of(new Tenant(TENANT, "Shop", TenantKind.ECOMMERCE, Instant.EPOCH)));
        lenient().when(curves.find(any(), any())).thenReturn(Optional.empty());
        lenient().when(engine.families()).thenReturn(Set.of("lstm"));
        lenient().when(engine.engine()).thenReturn("mxnet");
    }

    private ServingModels models() {
        return new ServingModels(behaviors, items, tenants, curves, registry, Optional.of(engine));
    }

    private static ModelVersion version(int number, String family) {
        return new ModelVersion(TENANT, number, family, "mxnet", Map.of(), "/artifacts/shop/v" + number, true, Instant.EPOCH);
    }

    @Test
    void withoutAnActiveVersionDecayedPopularityServes() {
        when(registry.active(TENANT)).thenReturn(Optional.empty());

        ServingModels.Served served = models().forTenant(TENANT);

        assertThat(served.model().name()).isEqualTo("decayed-pop");
        assertThat(served.version()).isEmpty();
    }

    @Test
    void theActiveFileBackedVersionIsLoadedOnceAcrossInvalidations() {
        Recommender lstm = mock(Recommender.class);
        when(registry.active(TENANT)).thenReturn(Optional.of(version(4, "lstm")));
        when(engine.load("lstm", Path.of("/artifacts/shop/v4"))).thenReturn(lstm);
        ServingModels models = models();

        assertThat(models.forTenant(TENANT).model()).isSameAs(lstm);
        models.invalidate(TENANT);
        assertThat(models.forTenant(TENANT).model()).isSameAs(lstm);

        verify(engine, times(1)).load(eq("lstm"), any());
    }

    @Test
    void anUnloadableVersionFallsBackToPopularityAndMakesTheTenantUnservable() {
        when(registry.active(TENANT)).thenReturn(Optional.of(version(4, "lstm")));
        when(engine.load(eq("lstm"), any())).thenThrow(new ModelEnginePort.ModelEngineException("corrupt", null));
        ServingModels models = models();

        assertThat(models.forTenant(TENANT).model().name()).isEqualTo("decayed-pop");
        assertThat(models.unservable()).singleElement().asString().contains("shop").contains("corrupt");
    }

    @Test
    void aVersionOfAnotherEngineIsNotServableAndNamesBothEnginesWithoutLoadingAnything() {
        ModelVersion knn = new ModelVersion(TENANT, 5, "seq-knn", "knn", Map.of(), "/artifacts/shop/v5", true, Instant.EPOCH);
        ModelVersion pytorch = new ModelVersion(TENANT, 6, "lstm", "pytorch", Map.of(), "/artifacts/shop/v6", true, Instant.EPOCH);
        ServingModels models = models();

        assertThat(models.whyNotServable(knn)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("version 5 (family seq-knn) was trained by the knn engine").contains("model engine is mxnet")
                .contains("lethe.ml.engine is knn"));
        assertThat(models.whyNotServable(pytorch)).hasValueSatisfying(reason -> assertThat(reason).contains("pytorch engine"));
        assertThat(models.whyNotServable(version(4, "lstm"))).isEmpty();
        assertThat(models.whyNotServable(new ModelVersion(TENANT, 7, "pop", "java", Map.of(), "/x", true, Instant.EPOCH))).isEmpty();
        verify(engine, never()).load(any(), any());
    }

    @Test
    void anActiveVersionOfAnotherEngineFallsBackToPopularityWithTheReasonInReadiness() {
        when(registry.active(TENANT)).thenReturn(Optional.of(new ModelVersion(TENANT, 5, "seq-knn", "knn", Map.of(), "/v5", true, Instant.EPOCH)));
        ServingModels models = models();

        assertThat(models.forTenant(TENANT).model().name()).isEqualTo("decayed-pop");
        assertThat(models.unservable()).singleElement().asString().startsWith("shop: version 5 (family seq-knn) was trained by the knn engine");
        verify(engine, never()).load(any(), any());
    }

    @Test
    void anActiveJavaVersionIsServedFromItsServingArtifactWithoutReadingTheLog(@TempDir Path dir) {
        Catalogue catalogue = Catalogue.of(List.of(new ItemId("a"), new ItemId("b")));
        OnlinePopularity counts = new OnlinePopularity(Optional.empty(), 2);
        counts.record(1, 1_000, 2_000);
        OnlinePopularity decayed = new OnlinePopularity(Optional.of(ExponentialCurve.ofDays(14)), 2);
        new ServingArtifact(catalogue, 7, Optional.of(ExponentialCurve.ofDays(14)),
                Map.of(Optional.empty(), counts, Optional.of(ExponentialCurve.ofDays(14)), decayed), Optional.empty(), Optional.empty()).write(dir);
        when(registry.active(TENANT)).thenReturn(Optional.of(new ModelVersion(TENANT, 2, "pop", "java", Map.of(), dir.toString(), true, Instant.EPOCH)));

        ServingModels.Served served = models().forTenant(TENANT);

        assertThat(served.model().name()).isEqualTo("pop");
        assertThat(served.version()).map(ModelVersion::version).contains(2);
        double[] scores = new double[2];
        served.model().score(new ScoringContext(new UserId("u"), List.of(), Instant.ofEpochMilli(3_000)), scores);
        assertThat(scores).containsExactly(0.0, 1.0);
        verify(behaviors).forEachStored(eq(TENANT), eq(7L), anyLong(), any());
        verify(behaviors, never()).forEachInTimeOrder(any(), any(), anyLong(), any());
    }

    @Test
    void aBehaviourThatCommittedAfterTheTrainingReadIsCountedOnceAndTheArtifactsRowsAreNotCountedAgain(@TempDir Path dir) {
        // The training read up to 7 but did not see 5 (its transaction committed later) nor 6 (never held a row).
        activatePopularityCountingItemA(dir, 5L, 6L);
        when(behaviors.latestSequence()).thenReturn(9L);
        BehaviorRepository.Stored late = new BehaviorRepository.Stored(5, TENANT, new ItemId("b"), Instant.ofEpochMilli(1_500));
        when(behaviors.storedAmong(TENANT, List.of(5L, 6L))).thenReturn(List.of(late));
        // The feed then delivers 5 again (as if watched), 3 (in the artifact already) and 6, which commits after all.
        when(behaviors.storedAfter(eq(9L), eq(List.of(6L)), anyInt())).thenReturn(List.of(
                new BehaviorRepository.Stored(3, TENANT, new ItemId("a"), Instant.ofEpochMilli(1_000)), late,
                new BehaviorRepository.Stored(6, TENANT, new ItemId("a"), Instant.ofEpochMilli(1_600))));
        ServingModels models = models();

        ServingModels.Served built = models.forTenant(TENANT);
        assertThat(models.feedStatus().gaps()).as("6 is watched like a gap of the feed").isEqualTo(1);
        double[] scores = new double[2];
        built.model().score(new ScoringContext(new UserId("u"), List.of(), Instant.ofEpochMilli(3_000)), scores);
        assertThat(scores).as("a from the artifact, b committed late").containsExactly(1.0, 1.0);

        models.catchUp();
        models.forTenant(TENANT).model().score(new ScoringContext(new UserId("u"), List.of(), Instant.ofEpochMilli(3_000)), scores);
        assertThat(scores).as("3 and 5 not again; 6 once").containsExactly(2.0, 1.0);
        assertThat(models.feedStatus().appliedSinceBuilt()).containsEntry(TENANT, 2L);
    }

    @Test
    void whenTheFeedIsBehindTheWatermarkItSkipsTheRowsTheArtifactCounts(@TempDir Path dir) {
        activatePopularityCountingItemA(dir, 5L);
        when(behaviors.latestSequence()).thenReturn(4L);
        when(behaviors.storedAfter(eq(4L), eq(List.of()), anyInt())).thenReturn(List.of(
                new BehaviorRepository.Stored(5, TENANT, new ItemId("b"), Instant.ofEpochMilli(1_500)),
                new BehaviorRepository.Stored(7, TENANT, new ItemId("a"), Instant.ofEpochMilli(1_000)),
                new BehaviorRepository.Stored(8, TENANT, new ItemId("b"), Instant.ofEpochMilli(1_700))));
        ServingModels models = models();
        models.forTenant(TENANT);

        models.catchUp();

        double[] scores = new double[2];
        models.forTenant(TENANT).model().score(new ScoringContext(new UserId("u"), List.of(), Instant.ofEpochMilli(3_000)), scores);
        assertThat(scores).as("7 is the artifact's; 5 (unseen by training) and 8 are new").containsExactly(1.0, 2.0);
        verify(behaviors, never()).storedAmong(any(), any());
    }

    /** Activates a {@code pop} version over items a and b whose artifact counts one behaviour of a, read up to 7 without seeing {@code unseen}. */
    private void activatePopularityCountingItemA(Path dir, Long... unseen) {
        OnlinePopularity counts = new OnlinePopularity(Optional.empty(), 2);
        counts.record(0, 1_000, 2_000);
        new ServingArtifact(Catalogue.of(List.of(new ItemId("a"), new ItemId("b"))), 7, Optional.empty(), Map.of(Optional.empty(), counts),
                Optional.empty(), Optional.empty(), Optional.empty(), new java.util.TreeSet<>(List.of(unseen))).write(dir);
        when(registry.active(TENANT)).thenReturn(Optional.of(new ModelVersion(TENANT, 2, "pop", "java", Map.of(), dir.toString(), true, Instant.EPOCH)));
    }

    @Test
    void aTenantThatNeverTrainedStartsFromItsNewestBehavioursNotItsWholeLog() {
        when(registry.active(TENANT)).thenReturn(Optional.empty());
        when(behaviors.latestSequence()).thenReturn(500_000L);
        when(behaviors.sequenceBelowNewest(TENANT, ServingModels.UNTRAINED_BEHAVIOURS)).thenReturn(400_000L);

        models().forTenant(TENANT);

        verify(behaviors).forEachStored(eq(TENANT), eq(400_000L), eq(500_000L), any());
        verify(behaviors, never()).forEachInTimeOrder(any(), any(), anyLong(), any());
    }

    @Test
    void behavioursStoredAfterTheStateWasBuiltAreAppliedByTheFeedWithoutRebuilding() {
        when(registry.active(TENANT)).thenReturn(Optional.empty());
        when(behaviors.latestSequence()).thenReturn(10L);
        ItemId item = new ItemId("new-item");
        // Sequence 12 arrives first; 11 is skipped, watched, and applied when its transaction commits.
        when(behaviors.storedAfter(eq(10L), eq(List.of()), anyInt()))
                .thenReturn(List.of(new BehaviorRepository.Stored(12, TENANT, item, Instant.now().minusSeconds(5))));
        when(behaviors.storedAfter(eq(12L), eq(List.of(11L)), anyInt()))
                .thenReturn(List.of(new BehaviorRepository.Stored(11, TENANT, item, Instant.now().minusSeconds(6))));
        ServingModels models = models();
        ServingModels.Served first = models.forTenant(TENANT);
        assertThat(first.popularity().catalogue().size()).isZero();

        models.catchUp();
        assertThat(models.feedStatus().gaps()).isEqualTo(1);
        models.catchUp();

        ServingModels.Served now = models.forTenant(TENANT);
        assertThat(now.popularity().catalogue().items()).containsExactly(item);
        double[] scores = new double[1];
        now.popularity().score(new ScoringContext(new UserId("u"), List.of(), Instant.now()), scores);
        assertThat(scores[0]).isGreaterThan(1.99).isLessThanOrEqualTo(2.0);
        assertThat(models.feedStatus().gaps()).isZero();
        assertThat(models.feedStatus().appliedSinceBuilt()).containsEntry(TENANT, 2L);
        verify(behaviors, never()).forEachInTimeOrder(any(), any(), anyLong(), any());
        verify(behaviors, times(1)).forEachStored(eq(TENANT), eq(0L), eq(10L), any());
    }

    @Test
    void aUserCurveTakesPrecedenceOverTheTenantDefault() {
        ForgettingCurveRepository.StoredCurve mine = new ForgettingCurveRepository.StoredCurve("user:u1",
                dev.lethe.domain.forgetting.ExponentialCurve.ofDays(3), Map.of(), Instant.EPOCH);
        when(curves.find(TENANT, "user:u1")).thenReturn(Optional.of(mine));

        assertThat(models().curveFor(TENANT, new dev.lethe.domain.behavior.UserId("u1")))
                .isEqualTo(new ServingModels.CurveInForce(mine.curve(), "user:u1"));
        assertThat(models().curveFor(TENANT, new dev.lethe.domain.behavior.UserId("u2")).scope()).isEqualTo("default");
    }

    @Test
    void aForgottenTenantsStateIsDroppedAndBuiltAgainOnlyWhenUsed() {
        when(registry.active(TENANT)).thenReturn(Optional.empty());
        ServingModels models = models();
        models.forTenant(TENANT);
        assertThat(models.feedStatus().heapBytes()).containsKey(TENANT);

        models.forget(TENANT);

        assertThat(models.feedStatus().heapBytes()).doesNotContainKey(TENANT);
        models.forTenant(TENANT);
        verify(behaviors, times(2)).forEachStored(eq(TENANT), eq(0L), anyLong(), any());
    }
}
