package dev.fahr.driver.local;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.model.Container;

import dev.fahr.driver.DriverException;
import dev.fahr.job.JobName;
import dev.fahr.job.JobState;
import dev.fahr.job.JobStatus;
import dev.fahr.runtime.MetricLog;
import dev.fahr.runtime.MetricPoint;

/**
 * Jobs' statuses from one list of the engine's fahr containers, however many jobs are asked about.
 * Only a container seen ended for the first time costs one more call (an inspect, see {@link JobCompletion}).
 *
 * <p>Container state to job state: {@code created} is PENDING/Starting (STOPPED once a stop was requested); {@code running} (and paused,
 * restarting) is IN_PROGRESS/Training, or STOPPING/Stopping once a stop was requested; an ended container
 * with exit code 0 is COMPLETED; a non-zero exit after a stop request is STOPPED (SIGTERM gives 143,
 * the kill after the grace period 137); 143 or 137 without one (not out of memory) is STOPPED too, with a
 * reason saying it was stopped from outside fahr (an engine restart stops its containers); any other
 * non-zero exit is FAILED, with the first 1,024
 * characters of {@code output/failure} as the reason, else "exit code N". A job the engine does not know
 * is left out of the result, as the driver interface asks.
 */
final class ContainerStatusReader {

    private final LocalEngine engine;
    private final JobCompletion completion;

    ContainerStatusReader(LocalEngine engine, JobCompletion completion) {
        this.engine = engine;
        this.completion = completion;
    }

    List<JobStatus> read(Collection<JobName> jobs) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        Map<String, Container> byJob = containersByJob();
        List<JobStatus> statuses = new ArrayList<>();
        for (JobName job : jobs) {
            Container container = byJob.get(job.value());
            if (container != null) {
                statuses.add(statusOf(job, container));
            }
        }
        return statuses;
    }

    /** Each job's metrics, read from its own output folder: one engine call for all of them, to find the folders. */
    Map<JobName, Map<String, List<MetricPoint>>> metricSeries(Collection<JobName> jobs) {
        Map<String, Container> byJob = jobs.isEmpty() ? Map.of() : containersByJob();
        Map<JobName, Map<String, List<MetricPoint>>> series = new LinkedHashMap<>();
        for (JobName job : jobs) {
            Container container = byJob.get(job.value());
            String folder = container == null ? null : container.getLabels().get(ContainerLabels.WORKSPACE);
            if (folder != null) {
                Map<String, List<MetricPoint>> metrics = new JobWorkspace(Path.of(folder)).metrics().series();
                if (!metrics.isEmpty()) {
                    series.put(job, metrics);
                }
            }
        }
        return series;
    }

    private Map<String, Container> containersByJob() {
        Map<String, Container> byJob = new HashMap<>();
        for (Container container : engine.listJobContainers()) {
            String job = container.getLabels() == null ? null : container.getLabels().get(ContainerLabels.JOB);
            if (job != null) {
                byJob.put(job, container);
            }
        }
        return byJob;
    }

    private JobStatus statusOf(JobName job, Container container) {
        String folder = container.getLabels().get(ContainerLabels.WORKSPACE);
        if (folder == null) {
            return JobStatus.builder(job, JobState.FAILED).secondaryStatus("Failed")
                    .failureReason("container " + job + " carries the label " + ContainerLabels.JOB
                            + " but no workspace: it was not made by fahr's local driver").build();
        }
        JobWorkspace workspace = new JobWorkspace(Path.of(folder));
        Instant created = Instant.ofEpochSecond(container.getCreated() == null ? 0 : container.getCreated());
        String state = container.getState() == null ? "" : container.getState();
        return switch (state) {
            // A created container that was asked to stop never runs: the engine cannot stop what did not start.
            case "created" -> workspace.stopRequested()
                    ? JobStatus.builder(job, JobState.STOPPED).secondaryStatus("Stopped").build()
                    : JobStatus.builder(job, JobState.PENDING).secondaryStatus("Starting").build();
            // The metrics file is the job's own output folder, mounted from here: reading it costs no engine call.
            case "running", "paused", "restarting" -> withMetrics(workspace.stopRequested()
                    ? JobStatus.builder(job, JobState.STOPPING).secondaryStatus("Stopping").startedAt(created)
                    : JobStatus.builder(job, JobState.IN_PROGRESS).secondaryStatus(running(state)).startedAt(created),
                    workspace, 0).build();
            case "removing" -> JobStatus.builder(job, JobState.STOPPING).secondaryStatus("Removing").build();
            default -> ended(job, workspace);
        };
    }

    private static String running(String state) {
        return switch (state) {
            case "paused" -> "Paused";
            case "restarting" -> "Restarting";
            default -> "Training";
        };
    }

    private JobStatus ended(JobName job, JobWorkspace workspace) {
        JobOutcome outcome;
        try {
            outcome = completion.complete(job.value(), workspace);
        } catch (DriverException | UncheckedIOException e) {
            // One job's broken workspace must not break the status of every other job.
            return JobStatus.builder(job, JobState.FAILED).secondaryStatus("Failed")
                    .failureReason("cannot read the job's outcome: " + e.getMessage()).build();
        }
        return fromOutcome(job, outcome, workspace);
    }

    /** A container's exit code after SIGTERM (128 + 15) and after SIGKILL (128 + 9). */
    private static final int SIGTERM_EXIT = 143;
    private static final int SIGKILL_EXIT = 137;

    static JobStatus fromOutcome(JobName job, JobOutcome outcome, JobWorkspace workspace) {
        JobState state;
        String secondary;
        String reason = null;
        if (outcome.exitCode() == 0) {
            state = JobState.COMPLETED;
            secondary = "Completed";
        } else if (workspace.stopRequested()) {
            state = JobState.STOPPED;
            secondary = "Stopped";
        } else if (!outcome.oomKilled() && (outcome.exitCode() == SIGTERM_EXIT || outcome.exitCode() == SIGKILL_EXIT)) {
            // Ended by a signal fahr did not send: the engine stopped or restarted (it stops its containers
            // first), or someone ran docker stop or kill. Not the notebook's failure.
            state = JobState.STOPPED;
            secondary = "Stopped";
            reason = "stopped from outside fahr (" + workspace.failureReason().orElse(outcome.exitCode() == SIGTERM_EXIT
                    ? "SIGTERM" : "SIGKILL") + "): the Docker engine stopped or restarted, or the container was"
                    + " stopped; fit again to rerun it";
        } else {
            state = JobState.FAILED;
            secondary = "Failed";
            reason = workspace.failureReason().orElseGet(() -> outcome.oomKilled()
                    ? "out of memory: the container exceeded its memory limit (exit code " + outcome.exitCode()
                            + "); raise --config.memory"
                    : "exit code " + outcome.exitCode());
        }
        if (outcome.packingError().isPresent()) {
            secondary = secondary + "; model.tar.gz not written: " + outcome.packingError().get();
        }
        JobStatus.Builder status = withMetrics(JobStatus.builder(job, state).secondaryStatus(secondary)
                .failureReason(reason), workspace, outcome.malformedMetricLines());
        outcome.startedAt().ifPresent(status::startedAt);
        outcome.endedAt().ifPresent(status::endedAt);
        return status.build();
    }

    /** The job's latest metrics and its malformed lines: those in its metrics file, or those its log held. */
    private static JobStatus.Builder withMetrics(JobStatus.Builder status, JobWorkspace workspace, int fromLog) {
        MetricLog metrics = workspace.metrics();
        return status.metrics(metrics.latest()).malformedMetricLines(Math.max(fromLog, metrics.malformed()));
    }
}
