package dev.lethe.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.application.port.out.TrainingJobRepository;
import dev.lethe.application.port.out.contract.TrainingJobRepositoryContract;
import dev.lethe.domain.training.Activation;
import dev.lethe.domain.training.TrainingJob;
import org.junit.jupiter.api.Test;

/** The kit's training-job contract on a JDBC database, plus where this store cuts a long status line. */
abstract class JdbcTrainingJobRepositoryContract extends TrainingJobRepositoryContract {
    abstract Database database();

    @Override
    protected TrainingJobRepository jobs() {
        return new JdbcTrainingJobRepository(database().jdbc());
    }

    @Test
    void overlongStatusLineIsCutToTheColumnWithAnEllipsis() {
        TrainingJob job = TrainingJob.queued("job-long", tenant, "lstm", Activation.NEVER, T0).running(0.1, "x".repeat(5_000), T0);
        jobs().save(job);

        assertThat(jobs().find(tenant, "job-long")).get().extracting(TrainingJob::message).asString()
                .hasSize(JdbcTrainingJobRepository.MAX_MESSAGE_LENGTH).startsWith("xxx").endsWith("…");
    }
}
