package dev.fahr.driver.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.fahr.driver.FetchResult;
import dev.fahr.driver.ModelArchive;
import dev.fahr.job.Hyperparameters;
import dev.fahr.runtime.JobLayout;
import dev.fahr.runtime.MetricLog;
import dev.fahr.files.AtomicFile;
import dev.fahr.files.LockFile;

/**
 * A job's folder on this machine: what the container sees as {@code /opt/ml} (config, model, output,
 * checkpoints; input data is mounted straight from its source), plus the driver's own bookkeeping
 * beside it, outside every mount, where the job cannot touch it.
 *
 * <pre>
 * WORKSPACE/input/config/{hyperparameters,inputdataconfig,resourceconfig}.json   -> /opt/ml/input/config
 * WORKSPACE/model/                                                             -> /opt/ml/model
 * WORKSPACE/output/ (failure, data/, and model.tar.gz once the job ended)     -> /opt/ml/output
 * WORKSPACE/checkpoints/                                                       -> /opt/ml/checkpoints
 * WORKSPACE/stop-requested, outcome.json, .lock                                bookkeeping
 * </pre>
 *
 * @param root the workspace folder, absolute
 */
record JobWorkspace(Path root) {

    /** SageMaker turns this many characters of the failure file into the FailureReason. */
    static final int MAX_FAILURE_REASON = 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    // FileLock is per process; threads of this process take this monitor first.

    JobWorkspace {
        root = root.toAbsolutePath().normalize();
    }

    Path configDir() {
        return root.resolve("input").resolve("config");
    }

    Path modelDir() {
        return root.resolve("model");
    }

    Path outputDir() {
        return root.resolve("output");
    }

    Path outputDataDir() {
        return outputDir().resolve("data");
    }

    Path checkpointDir() {
        return root.resolve("checkpoints");
    }

    Path failureFile() {
        return outputDir().resolve("failure");
    }

    /** Where the model folder is packed once the job has ended: the local stand-in for SageMaker's upload. */
    Path modelArchive() {
        return outputDir().resolve(ModelArchive.FILE_NAME);
    }

    /** The metrics the job's {@code Fahr.metric} calls wrote, one metric line each. */
    Path metricsFile() {
        return outputDataDir().resolve(JobLayout.METRICS_FILE);
    }

    /** What the job reported so far; a job that reported nothing, or whose file cannot be read yet, has none. */
    MetricLog metrics() {
        try {
            return MetricLog.read(metricsFile());
        } catch (IOException e) {
            return new MetricLog();
        }
    }

    Path outcomeFile() {
        return root.resolve("outcome.json");
    }

    private Path stopMarker() {
        return root.resolve("stop-requested");
    }

    /**
     * Creates the folders and writes the config files SageMaker would, for a new container. Leftovers of
     * an earlier container of the same name (its outcome, archive, failure, stop request) are removed,
     * or they would be taken for this one's.
     *
     * @param channels the input channels by name; only their names go into inputdataconfig.json
     */
    void prepare(Hyperparameters hyperparameters, Iterable<String> channels) {
        try {
            for (Path folder : List.of(configDir(), modelDir(), outputDataDir(), checkpointDir())) {
                Files.createDirectories(folder);
            }
            for (Path stale : List.of(outcomeFile(), stopMarker(), modelArchive(), failureFile())) {
                Files.deleteIfExists(stale);
            }
            ObjectNode hyper = JSON.createObjectNode();
            hyperparameters.values().forEach(hyper::put);
            ObjectNode inputs = JSON.createObjectNode();
            for (String channel : channels) {
                inputs.putObject(channel)
                        .put("TrainingInputMode", "File")
                        .put("S3DistributionType", "FullyReplicated")
                        .put("RecordWrapperType", "None");
            }
            ObjectNode resources = JSON.createObjectNode().put("current_host", "algo-1");
            resources.putArray("hosts").add("algo-1");
            writeJson(configDir().resolve("hyperparameters.json"), hyper);
            writeJson(configDir().resolve("inputdataconfig.json"), inputs);
            writeJson(configDir().resolve("resourceconfig.json"), resources);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the job workspace " + root + ": " + e.getMessage(), e);
        }
    }

    /** Recorded before the stop signal, so that the exit code it causes reads as "stopped", not "failed". */
    void markStopRequested() {
        try {
            Files.createDirectories(root);
            Files.writeString(stopMarker(), "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the stop request in " + root + ": " + e.getMessage(), e);
        }
    }

    boolean stopRequested() {
        return Files.exists(stopMarker());
    }

    /** The first 1,024 characters of {@code output/failure}, if the job wrote one. */
    Optional<String> failureReason() {
        try {
            if (!Files.isRegularFile(failureFile())) {
                return Optional.empty();
            }
            String text = Files.readString(failureFile(), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty()
                    : Optional.of(text.length() <= MAX_FAILURE_REASON ? text : text.substring(0, MAX_FAILURE_REASON));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The executed notebooks the runner saved in {@code output/data}. */
    List<Path> executedNotebooks() {
        if (!Files.isDirectory(outputDataDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outputDataDir())) {
            return files.filter(FetchResult::isExecutedNotebook).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + outputDataDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code action} holding the workspace's lock, against other threads and other processes (a
     * kernel and the command line may look at the same job at once), so that an ended job's model is
     * packed exactly once.
     */
    <T> T locked(Supplier<T> action) {
        return LockFile.holding(root.resolve(".lock"), action);
    }

    static void writeJson(Path file, Object value) throws IOException {
        try {
            writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IOException(e);
        }
    }

    static ObjectMapper json() {
        return JSON;
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        AtomicFile.writeString(file, text);
    }
}
