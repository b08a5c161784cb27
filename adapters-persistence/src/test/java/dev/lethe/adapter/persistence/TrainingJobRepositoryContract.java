package dev.lethe.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.application.port.out.TrainingJobRepository;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.training.TrainingJob;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link TrainingJobRepository} must do; run against the embedded H2 and a real MariaDB. */
abstract class TrainingJobRepositoryContract {
    private static final Instant T0 = Instant.parse("2024-07-01T09:00:00.000001Z");
    private final TenantId tenant = TestDatabases.freshTenant();

    abstract Database database();

    private TrainingJobRepository repository() {
        return new JdbcTrainingJobRepository(database().jdbc());
    }

    @Test
    void queuedJobReadsBack() {
        TrainingJob job = TrainingJob.queued("job-1", tenant, "lstm", T0);
        repository().save(job);

        assertThat(repository().find(tenant, "job-1")).contains(job);
    }

    @Test
    void savingAgainReplacesTheStateOfTheJob() {
        TrainingJob queued = TrainingJob.queued("job-1", tenant, "lstm", T0);
        repository().save(queued);
        repository().save(queued.running(0.4, "epoch 2/5, loss 6.1", T0.plusSeconds(60)));
        TrainingJob done = queued.succeeded(3, Map.of("ndcg@10", 0.123456789, "hr@10", 0.5), T0.plusSeconds(300));

        repository().save(done);

        assertThat(repository().find(tenant, "job-1")).contains(done);
    }

    @Test
    void failedJobKeepsItsReason() {
        TrainingJob failed = TrainingJob.queued("job-1", tenant, "lstm", T0).running(0.2, "epoch 1", T0).failed("engine: out of memory", T0.plusSeconds(9));
        repository().save(failed);

        assertThat(repository().find(tenant, "job-1")).contains(failed);
    }

    @Test
    void overlongStatusLineIsCutNotRefused() {
        TrainingJob job = TrainingJob.queued("job-1", tenant, "lstm", T0).running(0.1, "x".repeat(5_000), T0);
        repository().save(job);

        assertThat(repository().find(tenant, "job-1")).get().extracting(TrainingJob::message).asString()
                .hasSize(JdbcTrainingJobRepository.MAX_MESSAGE_LENGTH).startsWith("xxx").endsWith("…");
    }

    @Test
    void listIsNewestFirstAndLimited() {
        for (int i = 1; i <= 4; i++) {
            repository().save(TrainingJob.queued("job-" + i, tenant, "lstm", T0.plusSeconds(i)));
        }

        assertThat(repository().list(tenant, 3)).extracting(TrainingJob::id).containsExactly("job-4", "job-3", "job-2");
    }

    @Test
    void jobsOfAnotherTenantStayInvisible() {
        TenantId other = TestDatabases.freshTenant();
        repository().save(TrainingJob.queued("job-1", other, "lstm", T0));

        assertThat(repository().find(tenant, "job-1")).isEmpty();
        assertThat(repository().list(tenant, 10)).isEmpty();
    }

    @Test
    void sameJobIdInTwoTenantsIsTwoJobs() {
        TenantId other = TestDatabases.freshTenant();
        TrainingJob mine = TrainingJob.queued("job-1", tenant, "lstm", T0);
        TrainingJob theirs = TrainingJob.queued("job-1", other, "markov", T0);
        repository().save(mine);
        repository().save(theirs);

        assertThat(repository().find(tenant, "job-1")).contains(mine);
        assertThat(repository().find(other, "job-1")).contains(theirs);
    }

    @Test
    void invalidJobIdIsRejectedNamingTheField() {
        assertThatThrownBy(() -> repository().find(tenant, "has space")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jobId");
    }
}
