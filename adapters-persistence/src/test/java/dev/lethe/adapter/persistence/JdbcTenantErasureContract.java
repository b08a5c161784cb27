package dev.lethe.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.application.port.out.contract.TenantErasureContract;
import dev.lethe.domain.tenant.TenantId;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The kit's erasure contract on a JDBC database, erasing behaviours in chunks of ten, plus the check
 * only the schema can make: no row of the tenant is left in any table, child tables included.
 */
abstract class JdbcTenantErasureContract extends TenantErasureContract {
    private static final int CHUNK = 10;
    private static final String[] TABLES = {"tenants", "api_keys", "behavior_events", "items", "item_categories", "item_attributes",
        "forgetting_curves", "forgetting_curve_statistics", "model_versions", "model_version_metrics", "training_jobs", "training_job_metrics"};

    abstract Database database();

    @Override
    protected Stores stores() {
        Jdbc jdbc = database().jdbc();
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        return new Stores(new JdbcTenantRepository(jdbc, CHUNK), new JdbcBehaviorRepository(jdbc, clock), new JdbcItemRepository(jdbc, clock),
                new JdbcForgettingCurveRepository(jdbc), new JdbcModelRegistry(jdbc), new JdbcTrainingJobRepository(jdbc));
    }

    private long rows(String table, TenantId tenant) {
        return database().jdbc().read("count", connection -> Jdbc.singleNumber(connection,
                "SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?", tenant.value()));
    }

    @Test
    void deletingATenantLeavesNoRowOfItInAnyTableAndEveryRowOfAnother() {
        TenantId doomed = seeded();
        TenantId kept = seeded();
        for (String table : TABLES) {
            assertThat(rows(table, doomed)).as(table + " seeded").isPositive();
        }

        assertThat(stores().tenants().delete(doomed)).isTrue();

        for (String table : TABLES) {
            assertThat(rows(table, doomed)).as(table + " of the deleted tenant").isZero();
            assertThat(rows(table, kept)).as(table + " of the other tenant").isPositive();
        }
    }
}
