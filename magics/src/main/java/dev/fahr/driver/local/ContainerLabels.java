package dev.fahr.driver.local;

/**
 * The labels a job's container carries, so that status, logs, stop and fetch find everything from the
 * engine alone, also in a new kernel or from the command line: labels outlive the process that set them.
 */
final class ContainerLabels {

    /** The job's name (also the container's name). Its presence marks a fahr job's container. */
    static final String JOB = "dev.fahr.job";
    /** The absolute path of the job's workspace folder on the engine's machine. */
    static final String WORKSPACE = "dev.fahr.workspace";
    /** Always {@code local}: which driver made the container. */
    static final String DRIVER = "dev.fahr.driver";
    /** The image reference the job was submitted with, before pinning. */
    static final String IMAGE = "dev.fahr.image";

    /** The grace period between SIGTERM and SIGKILL the job was submitted with, in seconds. */
    static final String STOP_TIMEOUT = "dev.fahr.stop-timeout";

    private ContainerLabels() {
    }
}
