package dev.lethe.domain.training;

/** Where a training job is in its life. */
public enum TrainingStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED;

    /** True once the job will not change any more. */
    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
