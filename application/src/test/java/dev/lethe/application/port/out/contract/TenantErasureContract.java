package dev.lethe.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.ForgettingCurveRepository;
import dev.lethe.application.port.out.ForgettingCurveRepository.StoredCurve;
import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.application.port.out.ModelRegistry;
import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.application.port.out.TrainingJobRepository;
import dev.lethe.application.service.tenant.ApiKeys;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.registry.ModelVersion;
import dev.lethe.domain.tenant.Tenant;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.tenant.TenantKind;
import dev.lethe.domain.training.Activation;
import dev.lethe.domain.training.TrainingJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Deleting a tenant ({@link TenantRepository#delete}) erases everything every repository of the same
 * store holds for it, and nothing of another tenant. Extend it and return the store's six repositories.
 */
public abstract class TenantErasureContract {
    protected static final Instant T0 = Instant.parse("2024-06-01T12:00:00Z");
    /** More behaviours than one erasure chunk of a store that deletes in chunks of ten. */
    protected static final int BEHAVIOURS = 34;

    /** The repositories of one store, as the application is wired with them. */
    public record Stores(TenantRepository tenants, BehaviorRepository behaviors, ItemRepository items, ForgettingCurveRepository curves,
                         ModelRegistry registry, TrainingJobRepository jobs) {
        public Stores {
            Objects.requireNonNull(tenants, "tenants");
            Objects.requireNonNull(behaviors, "behaviors");
            Objects.requireNonNull(items, "items");
            Objects.requireNonNull(curves, "curves");
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(jobs, "jobs");
        }
    }

    /** The store under test, shared by every test. */
    protected abstract Stores stores();

    /** A fresh tenant with something in every repository: a key, behaviours, an item, a curve, a version, a finished job. */
    protected TenantId seeded() {
        Stores stores = stores();
        TenantId id = ContractData.freshTenant();
        stores.tenants().create(new Tenant(id, "shop", TenantKind.ECOMMERCE, T0), ApiKeys.hash(UUID.randomUUID().toString()));
        stores.behaviors().append(id, ContractData.views("e", "u1", BEHAVIOURS));
        stores.items().upsert(id, new Item(new ItemId("i1"), Set.of("shoes"), Map.of("colour", "red")));
        stores.curves().save(id, new StoredCurve("tenant", ExponentialCurve.ofDays(7), Map.of("events", 34.0), T0));
        stores.registry().register(new ModelVersion(id, 1, "profile", "java", Map.of("ndcg@10", 0.2), "/models/v1", true, T0));
        stores.jobs().save(TrainingJob.queued("job-1", id, "profile", Activation.ALWAYS, T0).succeeded(1, Map.of("ndcg@10", 0.2), T0));
        return id;
    }

    /** What each repository shows of the tenant, by repository: empty lists when nothing is left. */
    private Map<String, List<?>> visible(TenantId id) {
        Stores stores = stores();
        List<Item> items = new ArrayList<>();
        stores.items().forEach(id, items::add);
        List<Object> behaviours = new ArrayList<>();
        stores.behaviors().forEachInTimeOrder(id, behaviours::add);
        behaviours.addAll(stores.behaviors().recentForUser(id, new UserId("u1"), 10));
        return Map.of(
                "tenant", stores.tenants().find(id).stream().toList(),
                "keys", stores.tenants().keys(id),
                "behaviours", behaviours,
                "items", items,
                "curves", stores.curves().list(id),
                "versions", stores.registry().list(id),
                "jobs", stores.jobs().list(id, 10));
    }

    @Test
    void deletingATenantErasesWhatEveryRepositoryHeldForItAndNothingOfAnother() {
        TenantId doomed = seeded();
        TenantId kept = seeded();
        visible(doomed).forEach((what, rows) -> assertThat(rows).as(what + " seeded").isNotEmpty());

        assertThat(stores().tenants().delete(doomed)).isTrue();

        visible(doomed).forEach((what, rows) -> assertThat(rows).as(what + " of the deleted tenant").isEmpty());
        visible(kept).forEach((what, rows) -> assertThat(rows).as(what + " of the other tenant").isNotEmpty());
        assertThat(stores().behaviors().count(doomed)).isZero();
        assertThat(stores().behaviors().count(kept)).isEqualTo(BEHAVIOURS);
        assertThat(stores().registry().active(doomed)).isEmpty();
        assertThat(stores().tenants().delete(doomed)).as("a second deletion").isFalse();
    }
}
