package dev.fahr.workflow;

/**
 * A mistake in what the user asked for, found by a workflow: a training artefact, envfile or folder that
 * does not exist, an unknown driver. The command line reports it as a usage error (exit code 2), like a
 * bad option, so that a missing artefact is treated the same wherever it is noticed.
 */
public final class UsageError extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UsageError(String message) {
        super(message);
    }
}
