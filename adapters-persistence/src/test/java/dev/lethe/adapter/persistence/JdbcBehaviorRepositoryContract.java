package dev.lethe.adapter.persistence;

import static dev.lethe.application.port.out.BehaviorRepository.AppendOutcome.DUPLICATE;
import static dev.lethe.application.port.out.BehaviorRepository.AppendOutcome.STORED;
import static dev.lethe.application.port.out.contract.ContractData.views;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.ForgettingCurveRepository;
import dev.lethe.application.port.out.PersistenceException;
import dev.lethe.application.port.out.contract.BehaviorRepositoryContract;
import dev.lethe.application.port.out.contract.ContractData;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.tenant.TenantId;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kit's behaviour contract on a JDBC database, plus what only JDBC can show: a failed batch commits nothing. */
abstract class JdbcBehaviorRepositoryContract extends BehaviorRepositoryContract {
    abstract Database database();

    @Override
    protected BehaviorRepository behaviors(Clock clock) {
        return new JdbcBehaviorRepository(database().jdbc(), clock);
    }

    @Override
    protected ForgettingCurveRepository curves() {
        return new JdbcForgettingCurveRepository(database().jdbc());
    }

    @Test
    void failedAppendCommitsNothingAndItsRetryStoresTheBatchExactlyOnce() {
        TenantId tenant = ContractData.freshTenant();
        BehaviorRepository repository = behaviors(clock);
        repository.append(tenant, views("before", "u1", 10));
        FaultInjectingDataSource faulty = new FaultInjectingDataSource(database().dataSource());
        BehaviorRepository failing = new JdbcBehaviorRepository(new Jdbc(faulty, database().isMySql()), clock);
        List<Behavior> batch = views("batch", "u1", 1_500);

        faulty.failNextBatch();
        assertThatThrownBy(() -> failing.append(tenant, batch)).isInstanceOf(PersistenceException.class).hasCauseInstanceOf(java.sql.SQLException.class);
        assertThat(repository.count(tenant)).isEqualTo(10);

        assertThat(failing.append(tenant, batch)).containsOnly(STORED).hasSize(1_500);
        assertThat(failing.append(tenant, batch)).containsOnly(DUPLICATE).hasSize(1_500);
        assertThat(repository.count(tenant)).isEqualTo(1_510);
    }
    @Test
    void aBehaviourWhoseTransactionCommitsAfterAHigherNumberedOneIsReportedUnseenByTheWindowReadAndReadBackByNumber() throws Exception {
        TenantId tenant = ContractData.freshTenant();
        BehaviorRepository repository = behaviors(clock);
        repository.append(tenant, views("early", "u1", 2));
        long pending;
        try (java.sql.Connection slow = database().dataSource().getConnection()) {
            slow.setAutoCommit(false);
            try (java.sql.PreparedStatement insert = slow.prepareStatement("""
                    INSERT INTO behavior_events (tenant_id, event_id, user_id, item_id, behavior_type, occurred_at, received_at)
                    VALUES (?, 'late', 'u2', 'i-late', 'view', ?, ?)
                    """, java.sql.Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, tenant.value());
                insert.setObject(2, java.time.LocalDateTime.of(2024, 3, 1, 12, 0));
                insert.setObject(3, java.time.LocalDateTime.of(2024, 3, 1, 12, 0));
                insert.executeUpdate();
                try (java.sql.ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    pending = keys.getLong(1);
                }
            }
            // A later transaction takes a higher number and commits first; the training reads up to it.
            repository.append(tenant, views("after", "u3", 1));
            long watermark = repository.latestSequence();
            assertThat(watermark).isGreaterThan(pending);
            List<Behavior> window = new java.util.ArrayList<>();
            java.util.SortedSet<Long> unseen = repository.forEachInTimeOrder(tenant, BehaviorRepository.BEGINNING, watermark, window::add);
            assertThat(window).hasSize(3).noneMatch(b -> b.eventId().value().equals("late"));
            assertThat(unseen).contains(pending);
            assertThat(repository.storedAmong(tenant, unseen)).as("not committed yet").isEmpty();

            slow.commit();
            assertThat(repository.storedAmong(tenant, unseen)).singleElement()
                    .satisfies(row -> assertThat(row.sequence()).isEqualTo(pending))
                    .satisfies(row -> assertThat(row.itemId().value()).isEqualTo("i-late"));
        }
    }
}
