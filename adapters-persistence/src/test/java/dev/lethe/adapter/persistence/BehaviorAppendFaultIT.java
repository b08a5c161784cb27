package dev.lethe.adapter.persistence;

import static dev.lethe.application.port.out.contract.ContractData.views;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.BehaviorRepository.AppendOutcome;
import dev.lethe.application.port.out.PersistenceException;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The database goes away in the middle of a batch: the server kills the adapter's connection while its
 * multi-row INSERT is running inside the append transaction. The call must fail with
 * {@link PersistenceException}, keep everything committed before, commit nothing of the batch, and a
 * retry must store the batch exactly once.
 */
class BehaviorAppendFaultIT {
    private final TenantId tenant = TestDatabases.freshTenant();
    private final Database database = TestDatabases.external();
    private final BehaviorRepository repository = new JdbcBehaviorRepository(database.jdbc(), Clock.systemUTC());

    @Test
    void connectionKilledMidBatchFailsCleanlyAndTheRetryStoresTheBatchExactlyOnce() throws Exception {
        List<Behavior> committedBefore = views("before", "u1", 100);
        repository.append(tenant, committedBefore);
        List<Behavior> batch = views("batch", "u2", 1_000);

        CompletableFuture<List<AppendOutcome>> append;
        try (Connection blocker = database.dataSource().getConnection(); Connection killer = database.dataSource().getConnection()) {
            // Hold the unique-key lock of one event of the batch, so the adapter's INSERT provably waits
            // mid-batch (rows before it already written in its open transaction) until we kill it.
            blocker.setAutoCommit(false);
            insertUncommitted(blocker, batch.get(500));
            append = CompletableFuture.supplyAsync(() -> repository.append(tenant, batch));

            long victim = awaitInsertWaitingOnLock(killer, connectionId(blocker), connectionId(killer));
            try (Statement kill = killer.createStatement()) {
                kill.execute("KILL CONNECTION " + victim);
            }
            blocker.rollback();
        }

        assertThatThrownBy(() -> append.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(PersistenceException.class).hasCauseInstanceOf(SQLException.class);
        assertThat(repository.count(tenant)).as("committed rows kept, nothing of the killed batch").isEqualTo(100);
        assertThat(repository.recentForUser(tenant, new dev.lethe.domain.behavior.UserId("u1"), 1_000)).containsExactlyElementsOf(committedBefore);

        assertThat(repository.append(tenant, batch)).as("retry").containsOnly(AppendOutcome.STORED).hasSize(1_000);
        assertThat(repository.append(tenant, batch)).as("second retry").containsOnly(AppendOutcome.DUPLICATE).hasSize(1_000);
        assertThat(repository.count(tenant)).isEqualTo(1_100);
    }

    private void insertUncommitted(Connection connection, Behavior behavior) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO behavior_events (tenant_id, event_id, user_id, item_id, behavior_type, occurred_at, received_at)
                VALUES (?, ?, 'blocker', 'blocker', 'view', '2024-01-01 00:00:00', '2024-01-01 00:00:00')
                """)) {
            insert.setString(1, tenant.value());
            insert.setString(2, behavior.eventId().value());
            insert.executeUpdate();
        }
    }

    private static long connectionId(Connection connection) throws SQLException {
        try (Statement select = connection.createStatement(); ResultSet row = select.executeQuery("SELECT CONNECTION_ID()")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The id of the connection whose INSERT INTO behavior_events is running (waiting on our lock). */
    private static long awaitInsertWaitingOnLock(Connection connection, long... exclude) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id FROM information_schema.processlist
                    WHERE db = DATABASE() AND info LIKE 'INSERT INTO behavior_events%' AND id NOT IN (?, ?)
                    """)) {
                select.setLong(1, exclude[0]);
                select.setLong(2, exclude[1]);
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        return rows.getLong(1);
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the append never reached its INSERT");
    }
}
