package dev.lethe.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.application.port.out.TrainingJobRepository;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.training.Activation;
import dev.lethe.domain.training.JobLease;
import dev.lethe.domain.training.TrainingJob;
import dev.lethe.domain.training.Tuning;
import dev.lethe.domain.training.TrainingStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link TrainingJobRepository} must do; extend it and return your implementation to run it. */
public abstract class TrainingJobRepositoryContract {
    protected static final Instant T0 = Instant.parse("2024-07-01T09:00:00.000001Z");
    protected final TenantId tenant = ContractData.freshTenant();

    /** The implementation under test, over one store shared by every test. */
    protected abstract TrainingJobRepository jobs();

    private TrainingJobRepository repository() {
        return jobs();
    }

    @Test
    void queuedJobReadsBack() {
        TrainingJob job = TrainingJob.queued("job-1", tenant, "lstm", Activation.NEVER, T0);
        repository().save(job);

        assertThat(repository().find(tenant, "job-1")).contains(job);
    }

    @Test
    void savingAgainReplacesTheStateOfTheJob() {
        TrainingJob queued = TrainingJob.queued("job-1", tenant, "lstm", Activation.NEVER, T0);
        repository().save(queued);
        repository().save(queued.running(0.4, "epoch 2/5, loss 6.1", T0.plusSeconds(60)));
        TrainingJob done = queued.succeeded(3, Map.of("ndcg@10", 0.123456789, "hr@10", 0.5), T0.plusSeconds(300));

        repository().save(done);

        assertThat(repository().find(tenant, "job-1")).contains(done);
    }

    @Test
    void aJobsSettingsSearchTravelsWithItThroughItsClaimAndOutcome() {
        drainOtherTestsJobs();
        Tuning tuning = new Tuning(90, -42L, 30);
        repository().save(TrainingJob.queued("job-1", tenant, "profile", Activation.NEVER, Optional.of(tuning), T0));

        TrainingJob claimed = repository().claimNext("host-a:1", T0.plusSeconds(1), T0.plusSeconds(31), MAX_ATTEMPTS).orElseThrow();
        TrainingJob done = claimed.succeeded(2, Map.of("ndcg@10", 0.2, "tune.trials", 7.0, "tune.trial.006.validation_ndcg@10", 0.25),
                T0.plusSeconds(20));
        repository().save(done);

        assertThat(claimed.tuning()).contains(tuning);
        assertThat(repository().find(tenant, "job-1")).contains(done);
        assertThat(repository().find(tenant, "job-1").orElseThrow().tuning()).contains(tuning);
    }

    @Test
    void failedJobKeepsItsReason() {
        TrainingJob failed = TrainingJob.queued("job-1", tenant, "lstm", Activation.NEVER, T0).running(0.2, "epoch 1", T0).failed("engine: out of memory", T0.plusSeconds(9));
        repository().save(failed);

        assertThat(repository().find(tenant, "job-1")).contains(failed);
    }

    @Test
    void overlongStatusLineIsCutNotRefused() {
        TrainingJob job = TrainingJob.queued("job-1", tenant, "lstm", Activation.NEVER, T0).running(0.1, "x".repeat(5_000), T0);
        repository().save(job);

        // A store may cut a long progress line (the JDBC store keeps 2,000 characters), never refuse it.
        assertThat(repository().find(tenant, "job-1")).get().extracting(TrainingJob::message).asString()
                .hasSizeBetween(100, 5_000).startsWith("xxx");
    }

    @Test
    void listIsNewestFirstAndLimited() {
        for (int i = 1; i <= 4; i++) {
            repository().save(TrainingJob.queued("job-" + i, tenant, "lstm", Activation.IF_BETTER, T0.plusSeconds(i)));
        }

        assertThat(repository().list(tenant, 3)).extracting(TrainingJob::id).containsExactly("job-4", "job-3", "job-2");
    }

    @Test
    void jobsOfAnotherTenantStayInvisible() {
        TenantId other = ContractData.freshTenant();
        repository().save(TrainingJob.queued("job-1", other, "lstm", Activation.IF_BETTER, T0));

        assertThat(repository().find(tenant, "job-1")).isEmpty();
        assertThat(repository().list(tenant, 10)).isEmpty();
    }

    @Test
    void sameJobIdInTwoTenantsIsTwoJobs() {
        TenantId other = ContractData.freshTenant();
        TrainingJob mine = TrainingJob.queued("job-1", tenant, "lstm", Activation.NEVER, T0);
        TrainingJob theirs = TrainingJob.queued("job-1", other, "markov", Activation.ALWAYS, T0);
        repository().save(mine);
        repository().save(theirs);

        assertThat(repository().find(tenant, "job-1")).contains(mine);
        assertThat(repository().find(other, "job-1")).contains(theirs);
    }

    // Claims see every tenant's jobs; the claim tests first lease away whatever other tests left claimable,
    // for longer than any of them looks ahead, so each sees only its own jobs.
    private static final Instant DRAINED_UNTIL = Instant.parse("9000-01-01T00:00:00Z");
    private static final int MAX_ATTEMPTS = 3;

    private void drainOtherTestsJobs() {
        while (repository().claimNext("drain", Instant.parse("8000-01-01T00:00:00Z"), DRAINED_UNTIL, 1_000_000).isPresent()) {
            // keep claiming
        }
    }

    private TrainingJob queue(String id, Instant at) {
        TrainingJob job = TrainingJob.queued(id, tenant, "decayed-pop", Activation.ALWAYS, at);
        repository().save(job);
        return job;
    }

    @Test
    void aClaimTakesTheOldestQueuedJobAndLeasesItToTheClaimer() {
        drainOtherTestsJobs();
        queue("newer", T0.plusSeconds(5));
        queue("older", T0);

        TrainingJob claimed = repository().claimNext("host-a:1", T0.plusSeconds(10), T0.plusSeconds(40), MAX_ATTEMPTS).orElseThrow();

        assertThat(claimed.id()).isEqualTo("older");
        assertThat(claimed.status()).isEqualTo(TrainingStatus.RUNNING);
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(claimed.activation()).isEqualTo(Activation.ALWAYS);
        assertThat(claimed.lease()).contains(new JobLease("host-a:1", T0.plusSeconds(40)));
        assertThat(repository().find(tenant, "older")).contains(claimed);
    }

    @Test
    void aJobIsNotClaimedAgainWhileItsLeaseRuns() {
        drainOtherTestsJobs();
        queue("job-1", T0);
        repository().claimNext("host-a:1", T0, T0.plusSeconds(30), MAX_ATTEMPTS).orElseThrow();

        assertThat(repository().claimNext("host-b:2", T0.plusSeconds(29), T0.plusSeconds(59), MAX_ATTEMPTS)).isEmpty();
    }

    @Test
    void ofTwoProcessesClaimingAtOnceExactlyOneGetsTheJob() throws Exception {
        drainOtherTestsJobs();
        ExecutorService claimers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                queue("job-" + round, T0.plusSeconds(round));
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Optional<TrainingJob>>> claims = new ArrayList<>();
                for (String owner : List.of("host-a:1", "host-b:2")) {
                    claims.add(claimers.submit(() -> {
                        together.await();
                        return repository().claimNext(owner, T0.plusSeconds(100), T0.plusSeconds(130), MAX_ATTEMPTS);
                    }));
                }
                List<TrainingJob> won = new ArrayList<>();
                for (Future<Optional<TrainingJob>> claim : claims) {
                    claim.get().ifPresent(won::add);
                }
                assertThat(won).as("round %d", round).hasSize(1);
                assertThat(won.get(0).id()).isEqualTo("job-" + round);
            }
        } finally {
            claimers.shutdownNow();
        }
    }

    @Test
    void aJobWhoseLeaseExpiredIsClaimedAgainWithOneMoreAttemptNamingTheStoppedProcess() {
        drainOtherTestsJobs();
        queue("job-1", T0);
        repository().claimNext("host-a:1", T0, T0.plusSeconds(30), MAX_ATTEMPTS).orElseThrow();

        TrainingJob again = repository().claimNext("host-b:2", T0.plusSeconds(31), T0.plusSeconds(61), MAX_ATTEMPTS).orElseThrow();

        assertThat(again.id()).isEqualTo("job-1");
        assertThat(again.attempts()).isEqualTo(2);
        assertThat(again.lease()).map(JobLease::owner).contains("host-b:2");
        assertThat(again.message()).contains("host-a:1").contains("lease expired at " + T0.plusSeconds(30));
    }

    @Test
    void aLeaseExpiredJobWithNoAttemptsLeftFailsWithTheReason() {
        drainOtherTestsJobs();
        queue("job-1", T0);
        Instant now = T0;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            repository().claimNext("host-" + attempt, now, now.plusSeconds(30), MAX_ATTEMPTS).orElseThrow();
            now = now.plusSeconds(31);
        }

        assertThat(repository().claimNext("host-x", now, now.plusSeconds(30), MAX_ATTEMPTS)).isEmpty();

        TrainingJob failed = repository().find(tenant, "job-1").orElseThrow();
        assertThat(failed.status()).isEqualTo(TrainingStatus.FAILED);
        assertThat(failed.lease()).isEmpty();
        assertThat(failed.error()).hasValueSatisfying(e -> assertThat(e)
                .contains("the process running it (host-3) stopped: lease expired at " + T0.plusSeconds(62 + 30))
                .contains("gave up after 3 of 3 attempts"));
    }

    @Test
    void aRunningJobWithoutALeaseWasLeftByAStoppedProcessAndIsClaimable() {
        drainOtherTestsJobs();
        repository().save(queue("job-1", T0).running(0.05, "fitting forgetting curves", T0));

        TrainingJob claimed = repository().claimNext("host-a:1", T0.plusSeconds(1), T0.plusSeconds(31), MAX_ATTEMPTS).orElseThrow();

        assertThat(claimed.id()).isEqualTo("job-1");
        assertThat(claimed.progress()).isZero();
        assertThat(claimed.attempts()).isEqualTo(1);
    }

    @Test
    void onlyTheLeaseHolderMayStoreTheStateOfARunningJob() {
        drainOtherTestsJobs();
        queue("job-1", T0);
        TrainingJob claimed = repository().claimNext("host-a:1", T0, T0.plusSeconds(30), MAX_ATTEMPTS).orElseThrow();
        TrainingJob progressed = claimed.running(0.5, "epoch 3/6", T0.plusSeconds(5)).renewed(T0.plusSeconds(35));

        assertThat(repository().saveIfLeased(progressed, "host-b:2")).isFalse();
        assertThat(repository().find(tenant, "job-1")).contains(claimed);
        assertThat(repository().saveIfLeased(progressed, "host-a:1")).isTrue();
        assertThat(repository().find(tenant, "job-1")).contains(progressed);
    }

    @Test
    void aProcessThatLostTheLeaseCannotStoreAnOutcome() {
        drainOtherTestsJobs();
        queue("job-1", T0);
        TrainingJob first = repository().claimNext("host-a:1", T0, T0.plusSeconds(30), MAX_ATTEMPTS).orElseThrow();
        TrainingJob second = repository().claimNext("host-b:2", T0.plusSeconds(31), T0.plusSeconds(61), MAX_ATTEMPTS).orElseThrow();

        assertThat(repository().saveIfLeased(first.succeeded(4, Map.of("ndcg@10", 0.1), T0.plusSeconds(40)), "host-a:1")).isFalse();
        assertThat(repository().find(tenant, "job-1")).contains(second);
    }

    @Test
    void aReleasedJobIsQueuedAgainWithItsAttemptGivenBack() {
        drainOtherTestsJobs();
        queue("job-1", T0);
        TrainingJob claimed = repository().claimNext("host-a:1", T0, T0.plusSeconds(30), MAX_ATTEMPTS).orElseThrow();

        assertThat(repository().saveIfLeased(claimed.released(T0.plusSeconds(2)), "host-a:1")).isTrue();
        TrainingJob again = repository().claimNext("host-b:2", T0.plusSeconds(3), T0.plusSeconds(33), MAX_ATTEMPTS).orElseThrow();

        assertThat(again.id()).isEqualTo("job-1");
        assertThat(again.attempts()).isEqualTo(1);
    }

    @Test
    void aFinishedJobIsNeverClaimed() {
        drainOtherTestsJobs();
        queue("job-1", T0);
        TrainingJob claimed = repository().claimNext("host-a:1", T0, T0.plusSeconds(30), MAX_ATTEMPTS).orElseThrow();
        repository().saveIfLeased(claimed.failed("engine: out of memory", T0.plusSeconds(3)), "host-a:1");

        assertThat(repository().claimNext("host-b:2", T0.plusSeconds(3_600), T0.plusSeconds(3_630), MAX_ATTEMPTS)).isEmpty();
    }

    @Test
    void invalidJobIdIsRejectedNamingTheField() {
        assertThatThrownBy(() -> repository().find(tenant, "has space")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jobId");
    }
}
