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
}
