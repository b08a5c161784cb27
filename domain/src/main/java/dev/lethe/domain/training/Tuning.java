package dev.lethe.domain.training;

/**
 * A training job's request to search the family's settings on the validation cases before training
 * the winner (docs/tuning.md).
 *
 * @param budgetSeconds wall-clock seconds for the search after its component trials, 1 to {@value #MAX_BUDGET_SECONDS}
 * @param seed the search's seed: the same seed on the same log tries the same settings
 * @param maxTrials the search stops after this many trials, {@value #MIN_TRIALS} (the defaults and each component
 *                  alone, which always run) to {@value #MAX_TRIALS}
 */
public record Tuning(int budgetSeconds, long seed, int maxTrials) {
    /** The longest search a job may ask for. */
    public static final int MAX_BUDGET_SECONDS = 3_600;
    /** The most trials a job may ask for (each is stored with the version). */
    public static final int MAX_TRIALS = 500;
    /** The fewest trials a search runs. */
    public static final int MIN_TRIALS = 5;
    /** Trials at most when the request does not say. */
    public static final int DEFAULT_TRIALS = 200;
    /** The seed when the request does not say. */
    public static final long DEFAULT_SEED = 1;

    public Tuning {
        if (budgetSeconds < 1 || budgetSeconds > MAX_BUDGET_SECONDS) {
            throw new IllegalArgumentException("budgetSeconds must be between 1 and " + MAX_BUDGET_SECONDS + ", got: " + budgetSeconds);
        }
        if (maxTrials < MIN_TRIALS || maxTrials > MAX_TRIALS) {
            throw new IllegalArgumentException("maxTrials must be between " + MIN_TRIALS + " and " + MAX_TRIALS + ", got: " + maxTrials);
        }
    }
}
