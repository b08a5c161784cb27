package dev.lethe.domain.training;

/** What happens to a trained version once registered; stored with the job so any process can finish it. */
public enum Activation {
    /** Activate when its validation NDCG@10 is at least the active version's (or none is active). */
    IF_BETTER,
    /** Always activate. */
    ALWAYS,
    /** Register only; activate later by hand. */
    NEVER
}
