package dev.lethe.application.service.training;

import dev.lethe.application.port.out.TrainingJobRepository;
import dev.lethe.domain.training.JobLease;
import dev.lethe.domain.training.TrainingJob;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * One process's training worker: a thread that claims jobs from the shared job store (at once when this
 * process queues one, else every {@link Settings#poll}), runs them one at a time, and renews the running
 * job's lease every third of its duration so a long phase without progress reports never loses it.
 * Several processes sharing one database each run a worker; the store's claim hands each job to one.
 * {@link #close} stops claiming, waits a grace period for the running job, and otherwise releases it to
 * the queue for another process or the next start.
 */
public final class TrainingWorker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TrainingWorker.class.getName());

    /**
     * @param lease how long a claim lasts without renewal: a crashed process's job is re-run after at most this
     * @param poll how often the store is asked for jobs other processes queued (or whose owner stopped)
     * @param maxAttempts how many claims a job gets before an expired lease fails it
     * @param shutdownGrace how long {@link #close} waits for the running job before releasing it
     */
    public record Settings(Duration lease, Duration poll, int maxAttempts, Duration shutdownGrace) {
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(30), Duration.ofSeconds(5), 3, Duration.ofSeconds(5));

        public Settings {
            Objects.requireNonNull(lease, "lease");
            Objects.requireNonNull(poll, "poll");
            Objects.requireNonNull(shutdownGrace, "shutdownGrace");
            if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("lease must be at least 1 s, got: " + lease);
            }
            if (poll.isNegative() || poll.isZero()) {
                throw new IllegalArgumentException("poll must be positive, got: " + poll);
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, got: " + maxAttempts);
            }
            if (shutdownGrace.isNegative()) {
                throw new IllegalArgumentException("shutdownGrace must not be negative, got: " + shutdownGrace);
            }
        }

        /** How often a running job's lease is renewed: three renewals fit in one lease. */
        public Duration heartbeat() {
            return lease.dividedBy(3);
        }
    }

    private final TrainModelService service;
    private final TrainingJobRepository jobs;
    private final String owner;
    private final Settings settings;
    private final Clock clock;
    private final ScheduledExecutorService heartbeats;
    private final Thread loop;
    private volatile boolean claiming = true;
    private volatile Lease running;

    /**
     * @param owner this process's name in the leases it takes, unique among the processes sharing the store
     * @param threads makes the worker's two threads (the loop and the heartbeat)
     */
    public TrainingWorker(TrainModelService service, TrainingJobRepository jobs, String owner, Settings settings, Clock clock,
                          ThreadFactory threads) {
        this.service = Objects.requireNonNull(service, "service");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.owner = new JobLease(owner, clock.instant()).owner();
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = clock;
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(threads);
        this.loop = threads.newThread(this::claimUntilClosed);
    }

    /** This worker's owner name. */
    public String owner() {
        return owner;
    }

    /** Starts claiming jobs on the worker thread. */
    public void start() {
        loop.start();
    }

    /**
     * Claims one job and runs it on the calling thread; false when none was claimable (or the worker is
     * closing, in which case a job claimed meanwhile goes straight back to the queue).
     */
    public boolean runOnce() {
        if (!claiming) {
            return false;
        }
        Optional<TrainingJob> claimed = service.claim(owner, settings.lease(), settings.maxAttempts());
        if (claimed.isEmpty()) {
            return false;
        }
        Lease lease = new Lease(jobs, claimed.get(), settings.lease(), clock);
        if (!claiming) {
            lease.release();
            return false;
        }
        running = lease;
        long every = settings.heartbeat().toMillis();
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> renew(lease), every, every, TimeUnit.MILLISECONDS);
        try {
            LOG.log(System.Logger.Level.INFO, "training job " + claimed.get().id() + " of tenant " + claimed.get().tenantId()
                    + " claimed by " + owner + ", attempt " + claimed.get().attempts());
            service.execute(lease);
        } finally {
            heartbeat.cancel(false);
            running = null;
        }
        return true;
    }

    /** Stops claiming; called first at shutdown, so no job starts after it. */
    public void stopClaiming() {
        claiming = false;
        service.wakeWorkers(); // not an interrupt: that would also hit a running job's JDBC and engine calls
    }

    /**
     * Stops claiming, waits up to {@link Settings#shutdownGrace} for the running job, then releases it to the
     * queue (its attempt given back) so another process or the next start runs it from the beginning.
     */
    @Override
    public void close() {
        stopClaiming();
        try {
            loop.join(settings.shutdownGrace().toMillis() + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Lease lease = running;
        if (lease != null && lease.release()) {
            LOG.log(System.Logger.Level.INFO, "training job " + lease.job().id() + " of tenant " + lease.job().tenantId()
                    + " released to the queue at shutdown");
        }
        heartbeats.shutdownNow();
    }

    private void claimUntilClosed() {
        while (claiming) {
            try {
                if (!runOnce()) {
                    service.awaitQueued(settings.poll());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The store is down or a claim failed: keep the worker alive and try again after a poll.
                LOG.log(System.Logger.Level.WARNING, "training worker " + owner + " could not claim a job: " + e.getMessage(), e);
                sleepQuietly(settings.poll());
            }
        }
    }

    private void renew(Lease lease) {
        try {
            lease.renew();
        } catch (Lease.Lost e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not renew the lease of training job " + lease.job().id() + ": " + e.getMessage(), e);
        }
    }

    private void sleepQuietly(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            claiming = false;
        }
    }
}
