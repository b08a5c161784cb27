package dev.lethe.application.service.training;

import dev.lethe.application.port.out.TrainingJobRepository;
import dev.lethe.domain.training.TrainingJob;
import java.time.Clock;
import java.time.Duration;

/**
 * This process's hold on one claimed job: every state it stores goes through here, renews the lease and
 * succeeds only while the lease is still this owner's. Once lost (another process re-claimed the job
 * after this one stalled, or it was released at shutdown) every further write throws {@link Lost}, which
 * stops the training body at its next progress report.
 */
final class Lease {
    /** The job's lease is no longer this process's: stop working on it. */
    static final class Lost extends RuntimeException {
        Lost(String message) {
            super(message);
        }
    }

    private final TrainingJobRepository jobs;
    private final String owner;
    private final Duration duration;
    private final Clock clock;
    private TrainingJob job;
    private boolean lost;

    Lease(TrainingJobRepository jobs, TrainingJob claimed, Duration duration, Clock clock) {
        this.jobs = jobs;
        this.owner = claimed.lease().orElseThrow(() -> new IllegalArgumentException("job " + claimed.id() + " is not claimed")).owner();
        this.duration = duration;
        this.clock = clock;
        this.job = claimed;
    }

    synchronized TrainingJob job() {
        return job;
    }

    /** Takes {@code next} (a running state) as the job's state; stores it, with the lease extended from now, when {@code store}. */
    synchronized void update(TrainingJob next, boolean store) {
        if (store) {
            store(next.renewed(clock.instant().plus(duration)));
        } else {
            job = next;
        }
    }

    /** Stores a finished state ({@code next} holds no lease any more); quietly nothing once lost. */
    synchronized boolean finish(TrainingJob next) {
        if (lost) {
            return false;
        }
        try {
            store(next);
            return true;
        } catch (Lost e) {
            return false;
        }
    }

    /** Extends the lease without other change: the heartbeat between progress reports. */
    synchronized void renew() {
        if (!lost) {
            update(job, true);
        }
    }

    /** Puts the job back in the queue for another process (shutting down before it finished). */
    synchronized boolean release() {
        boolean released = finish(job.released(clock.instant()));
        lost = true; // from now on the job is the queue's: the body's later writes must not touch it
        return released;
    }

    synchronized boolean lost() {
        return lost;
    }

    private void store(TrainingJob next) {
        if (lost || !jobs.saveIfLeased(next, owner)) {
            lost = true;
            throw new Lost("training job " + job.id() + " of tenant " + job.tenantId() + " is no longer leased by " + owner);
        }
        job = next;
    }
}
