package dev.fahr.job;

/** Where a job is in its life, the same for every driver (SageMaker's TrainingJobStatus, plus PENDING). */
public enum JobState {
    /** Recorded but not yet accepted by the driver. */
    PENDING,
    IN_PROGRESS,
    STOPPING,
    COMPLETED,
    FAILED,
    STOPPED;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == STOPPED;
    }

    /** Lower-case label for tables: {@code in progress}, {@code completed}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
