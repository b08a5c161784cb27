package dev.lethe.domain.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.domain.tenant.TenantId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrainingJobTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final TrainingJob queued = TrainingJob.queued("job-1", new TenantId("shop"), "profile", Activation.ALWAYS, T0);

    @Test
    void aQueuedJobIsClaimable() {
        assertThat(queued.claimableAt(T0)).isTrue();
    }

    @Test
    void aClaimedJobIsNotClaimableUntilItsLeaseExpires() {
        TrainingJob claimed = queued.claimed("host-a:1", T0.plusSeconds(30), T0);

        assertThat(claimed.claimableAt(T0.plusSeconds(30))).isFalse();
        assertThat(claimed.claimableAt(T0.plusSeconds(31))).isTrue();
    }

    @Test
    void aRunningJobWithoutALeaseIsClaimable() {
        assertThat(queued.running(0.05, "fitting", T0).claimableAt(T0)).isTrue();
    }

    @Test
    void aFinishedJobIsNeverClaimable() {
        TrainingJob failed = queued.claimed("host-a:1", T0.plusSeconds(30), T0).failed("boom", T0);

        assertThat(failed.claimableAt(T0.plusSeconds(3_600))).isFalse();
        assertThat(failed.lease()).isEmpty();
    }

    @Test
    void reclaimingAnExpiredJobCountsAnAttemptAndSaysWhoStopped() {
        TrainingJob first = queued.claimed("host-a:1", T0.plusSeconds(30), T0).running(0.6, "epoch 3", T0.plusSeconds(20));

        TrainingJob second = first.claimed("host-b:2", T0.plusSeconds(70), T0.plusSeconds(40));

        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.progress()).isZero();
        assertThat(second.message()).startsWith("restarted: the process running it (host-a:1) stopped: lease expired at 2026-01-01T00:00:30Z");
    }

    @Test
    void anAbandonedJobFailsNamingTheStoppedProcessAndTheAttempts() {
        TrainingJob abandoned = queued.claimed("host-a:1", T0.plusSeconds(30), T0).abandoned(1, T0.plusSeconds(31));

        assertThat(abandoned.status()).isEqualTo(TrainingStatus.FAILED);
        assertThat(abandoned.error()).contains("the process running it (host-a:1) stopped: lease expired at 2026-01-01T00:00:30Z;"
                + " gave up after 1 of 1 attempts");
    }

    @Test
    void aReleasedJobIsQueuedWithItsAttemptGivenBack() {
        TrainingJob released = queued.claimed("host-a:1", T0.plusSeconds(30), T0).released(T0.plusSeconds(5));

        assertThat(released.status()).isEqualTo(TrainingStatus.QUEUED);
        assertThat(released.attempts()).isZero();
        assertThat(released.lease()).isEmpty();
        assertThat(released.activation()).isEqualTo(Activation.ALWAYS);
    }

    @Test
    void renewingAJobWithoutALeaseIsABug() {
        assertThatThrownBy(() -> queued.renewed(T0)).isInstanceOf(IllegalStateException.class);
    }
}
