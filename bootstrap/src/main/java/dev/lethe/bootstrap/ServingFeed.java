package dev.lethe.bootstrap;

import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.application.service.serving.ServingModels;
import dev.lethe.domain.tenant.Tenant;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that keeps this server's serving state current: it first builds every tenant's state
 * (so the first request after a restart finds it ready), then runs {@link ServingModels#catchUp} every
 * {@link #POLL} and at once when this server stored new behaviours, whose storing waits for that round
 * (read your writes on one server). Behaviours stored by other servers sharing the database show here
 * within one poll (plus the time the round takes). A failing round (the database down) is logged and
 * retried on the next poll.
 */
final class ServingFeed implements AutoCloseable {
    /** How often the feed polls the database for behaviours, items and activations from other servers. */
    static final Duration POLL = Duration.ofMillis(500);
    /** How long storing behaviours waits at most for this server's state to count them. */
    static final Duration READ_YOUR_WRITES = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(ServingFeed.class);

    private final ServingModels serving;
    private final TenantRepository tenants;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private final Condition roundDone = lock.newCondition();
    private boolean wake;
    private long roundsStarted;
    private long roundsDone;
    private volatile boolean stopped;

    private ServingFeed(ServingModels serving, TenantRepository tenants) {
        this.serving = serving;
        this.tenants = tenants;
        this.thread = new Thread(this::run, "lethe-serving-feed");
        this.thread.setDaemon(true);
    }

    /** Starts the feed and attaches it to {@code serving}. */
    static ServingFeed start(ServingModels serving, TenantRepository tenants) {
        ServingFeed feed = new ServingFeed(serving, tenants);
        serving.attachFeed(feed::catchUpNow);
        feed.thread.start();
        return feed;
    }

    /**
     * Wakes the feed and waits until a round that started after this call has finished (at most
     * {@link #READ_YOUR_WRITES}): behaviours this server just stored then count in its next answer.
     */
    private void catchUpNow() {
        lock.lock();
        try {
            long target = roundsStarted + 1;
            wake = true;
            woken.signal();
            long left = READ_YOUR_WRITES.toNanos();
            while (roundsDone < target && !stopped && left > 0) {
                left = roundDone.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try {
            long started = System.nanoTime();
            int warmed = 0;
            for (Tenant tenant : tenants.list()) {
                serving.forTenant(tenant.id());
                warmed++;
            }
            LOG.info("serving state of {} tenants ready in {} ms", warmed, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (RuntimeException e) {
            LOG.warn("could not build the serving state at start; requests will build it: {}", e.toString());
        }
        long failures = 0;
        while (!stopped) {
            lock.lock();
            try {
                roundsStarted++;
                wake = false;
            } finally {
                lock.unlock();
            }
            try {
                serving.catchUp();
                if (failures > 0) {
                    LOG.info("serving feed recovered after {} failed rounds", failures);
                    failures = 0;
                }
            } catch (RuntimeException e) {
                if (failures++ % 20 == 0) {
                    LOG.warn("serving feed round failed ({} in a row); retrying every {} ms: {}", failures, POLL.toMillis(), e.toString());
                }
            }
            lock.lock();
            try {
                roundsDone++;
                roundDone.signalAll();
                if (!wake && !stopped) {
                    woken.await(POLL.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
