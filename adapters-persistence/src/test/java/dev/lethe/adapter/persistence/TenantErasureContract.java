package dev.lethe.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.application.port.out.ForgettingCurveRepository.StoredCurve;
import dev.lethe.application.service.tenant.ApiKeys;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.registry.ModelVersion;
import dev.lethe.domain.tenant.Tenant;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.tenant.TenantKind;
import dev.lethe.domain.training.Activation;
import dev.lethe.domain.training.TrainingJob;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Deleting a tenant erases everything every repository stored for it and nothing of another tenant;
 * run against the embedded H2 and a real MariaDB.
 */
abstract class TenantErasureContract {
    private static final Instant T0 = Instant.parse("2024-06-01T12:00:00Z");
    private static final int CHUNK = 10;

    abstract Database database();

    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    private TenantId seeded() {
        Jdbc jdbc = database().jdbc();
        TenantId id = TestDatabases.freshTenant();
        new JdbcTenantRepository(jdbc).create(new Tenant(id, "shop", TenantKind.ECOMMERCE, T0), ApiKeys.hash(UUID.randomUUID().toString()));
        new JdbcBehaviorRepository(jdbc, clock).append(id, Behaviors.views("e", "u1", 3 * CHUNK + 4));
        new JdbcItemRepository(jdbc, clock).upsert(id, new Item(new ItemId("i1"), Set.of("shoes"), Map.of("colour", "red")));
        new JdbcForgettingCurveRepository(jdbc).save(id, new StoredCurve("tenant", ExponentialCurve.ofDays(7), Map.of("events", 34.0), T0));
        new JdbcModelRegistry(jdbc).register(new ModelVersion(id, 1, "profile", "java", Map.of("ndcg@10", 0.2), "/models/v1", true, T0));
        new JdbcTrainingJobRepository(jdbc).save(TrainingJob.queued("job-1", id, "profile", Activation.ALWAYS, T0)
                .succeeded(1, Map.of("ndcg@10", 0.2), T0));
        return id;
    }

    private long rows(String table, TenantId tenant) {
        return database().jdbc().read("count", connection -> Jdbc.singleNumber(connection,
                "SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?", tenant.value()));
    }

    private static final String[] TABLES = {"tenants", "api_keys", "behavior_events", "items", "item_categories", "item_attributes",
        "forgetting_curves", "forgetting_curve_statistics", "model_versions", "model_version_metrics", "training_jobs", "training_job_metrics"};

    @Test
    void deletingATenantErasesEveryRowOfItInEveryTableAndNoneOfAnother() {
        TenantId doomed = seeded();
        TenantId kept = seeded();
        for (String table : TABLES) {
            assertThat(rows(table, doomed)).as(table + " seeded").isPositive();
        }

        assertThat(new JdbcTenantRepository(database().jdbc(), CHUNK).delete(doomed)).isTrue();

        for (String table : TABLES) {
            assertThat(rows(table, doomed)).as(table + " of the deleted tenant").isZero();
            assertThat(rows(table, kept)).as(table + " of the other tenant").isPositive();
        }
    }
}
