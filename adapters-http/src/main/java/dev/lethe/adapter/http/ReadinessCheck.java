package dev.lethe.adapter.http;

/**
 * Tells {@code /health/ready} whether the database answers; bound by bootstrap to a cheap query.
 * May block briefly; runs on the worker pool. Throwing counts as not ready.
 */
@FunctionalInterface
public interface ReadinessCheck {

    /** True when the store is reachable now. */
    boolean ready();
}
