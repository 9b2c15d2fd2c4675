package dev.fahr.driver.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.github.dockerjava.api.command.InspectContainerResponse;

import dev.fahr.driver.DriverException;
import dev.fahr.driver.LogRequest;
import dev.fahr.runtime.MetricLine;
import dev.fahr.driver.ModelArchive;

/**
 * Finishes an ended job exactly once: one inspect for its exit code and times, then its {@code model/}
 * packed into {@code output/model.tar.gz}, as SageMaker uploads it when a job ends. The outcome is saved
 * in the workspace; every later call reads it from there. Its log is read once, here, for metric lines: a
 * job that printed them without {@code Fahr.metric} (a Python script, say) has no metrics file, so its lines
 * are kept as one, so that its metrics stay after the container is gone; and lines that look like metric
 * lines but are malformed are counted, so that the status can say why a metric is missing.
 */
final class JobCompletion {

    // The engine's "never" for a container that did not start or end.
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private final LocalEngine engine;
    private final LocalLogs logs;

    JobCompletion(LocalEngine engine, LocalLogs logs) {
        this.engine = engine;
        this.logs = logs;
    }

    /** The outcome of the ended container {@code containerName}, finishing the job first if needed. */
    JobOutcome complete(String containerName, JobWorkspace workspace) {
        return workspace.locked(() -> JobOutcome.readFrom(workspace.outcomeFile()).orElseGet(() -> {
            InspectContainerResponse container = engine.inspect(containerName).orElseThrow(() -> new DriverException(
                    "the container of job " + containerName + " disappeared from the Docker engine at " + engine.host()));
            InspectContainerResponse.ContainerState state = container.getState();
            JobOutcome outcome = new JobOutcome(
                    state.getExitCodeLong() == null ? -1 : state.getExitCodeLong().intValue(),
                    Boolean.TRUE.equals(state.getOOMKilled()),
                    time(state.getStartedAt()), time(state.getFinishedAt()), Optional.empty(), 0);
            try {
                ModelArchive.pack(workspace.modelDir(), workspace.modelArchive());
            } catch (UncheckedIOException e) {
                outcome = outcome.withPackingError(e.getMessage());
            }
            outcome = outcome.withMalformedMetricLines(keepPrintedMetrics(containerName, workspace));
            outcome.writeTo(workspace.outcomeFile());
            return outcome;
        }));
    }

    /** Keeps the printed metric lines if {@code Fahr.metric} kept none; returns how many were malformed. */
    private int keepPrintedMetrics(String containerName, JobWorkspace workspace) {
        List<String> lines = new ArrayList<>();
        int[] malformed = {0};
        try {
            logs.deliver(containerName, LogRequest.ALL, (time, stream, text) -> MetricLine.parse(text).ifPresent(line -> {
                lines.add(text.strip());
                malformed[0] += line.malformed() ? 1 : 0;
            }));
            if (!lines.isEmpty() && !Files.exists(workspace.metricsFile())) {
                Files.write(workspace.metricsFile(), lines, StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            // Metrics are a view of the job; a log that cannot be read must not keep the job from ending.
        }
        return malformed[0];
    }

    /** The archive, packing it now if an earlier attempt failed (e.g. a file the driver could not read). */
    void ensureArchive(String containerName, JobWorkspace workspace) {
        complete(containerName, workspace);
        workspace.locked(() -> {
            if (!Files.isRegularFile(workspace.modelArchive())) {
                ModelArchive.pack(workspace.modelDir(), workspace.modelArchive());
            }
            return null;
        });
    }

    private static Optional<Instant> time(String engineTime) {
        if (engineTime == null || engineTime.isBlank() || engineTime.startsWith(ZERO_TIME.substring(0, 4))) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(engineTime));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
