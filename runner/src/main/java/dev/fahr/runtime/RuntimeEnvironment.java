package dev.fahr.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@link Fahr} answers, for one environment. Separate from the static facade so that tests can
 * inject the environment variables and the working folder instead of changing the real process's.
 */
final class RuntimeEnvironment {

    static final String EXECUTION_ENVIRONMENT_VARIABLE = "FAHR_EXECUTION_ENVIRONMENT";
    static final String LOCAL_ROOT_VARIABLE = "FAHR_LOCAL_ROOT";
    static final String NOTEBOOK = "notebook";

    private final String executionEnvironment;
    private final JobLayout job;
    private final Path localRoot;
    // Read once on first use: a job's hyperparameters do not change while it runs.
    private Hyperparameters hyperparameters;
    private MetricsRecorder metrics;

    /**
     * @param environment      the process environment, normally {@link System#getenv()}
     * @param workingDirectory the notebook's folder, where a kernel starts; used when {@code FAHR_LOCAL_ROOT} is unset
     */
    RuntimeEnvironment(Map<String, String> environment, Path workingDirectory) {
        String declared = environment.get(EXECUTION_ENVIRONMENT_VARIABLE);
        this.executionEnvironment = declared == null || declared.isBlank() ? NOTEBOOK : declared.strip();
        this.job = JobLayout.from(environment);
        String localRootOverride = environment.get(LOCAL_ROOT_VARIABLE);
        this.localRoot = (localRootOverride == null || localRootOverride.isBlank()
                ? workingDirectory : Path.of(localRootOverride)).toAbsolutePath();
    }

    static RuntimeEnvironment ofThisProcess() {
        return new RuntimeEnvironment(System.getenv(), Path.of(""));
    }

    boolean isJob() {
        return !NOTEBOOK.equals(executionEnvironment);
    }

    String executionEnvironment() {
        return executionEnvironment;
    }

    Path modelDir() {
        return created(isJob() ? job.modelDir() : localRoot.resolve("model"));
    }

    Path outputDir() {
        return created(isJob() ? job.outputDataDir() : localRoot.resolve("output"));
    }

    Path checkpointDir() {
        return created(isJob() ? job.checkpointDir() : localRoot.resolve("checkpoints"));
    }

    /**
     * In a job the platform creates the channel folder, and its absence means the channel was not
     * configured: leave it missing so that reading it fails visibly rather than finding no data.
     */
    Path inputDir(String channel) {
        String valid = JobLayout.validChannel(channel);
        return isJob() ? job.inputDataDir(valid) : created(localRoot.resolve("data").resolve(valid));
    }

    synchronized MetricsRecorder metrics() {
        if (metrics == null) {
            metrics = new MetricsRecorder(isJob() ? java.util.Optional.of(job.metricsFile()) : java.util.Optional.empty());
        }
        return metrics;
    }

    synchronized Hyperparameters hyperparameters() {
        if (hyperparameters == null) {
            hyperparameters = isJob() ? Hyperparameters.read(job.hyperparametersFile()) : Hyperparameters.none();
        }
        return hyperparameters;
    }

    int hyperparameter(String name, int dflt) {
        return (Integer) hyperparameters().valueOr(name, HyperparameterType.INT, dflt);
    }

    long hyperparameter(String name, long dflt) {
        return (Long) hyperparameters().valueOr(name, HyperparameterType.LONG, dflt);
    }

    double hyperparameter(String name, double dflt) {
        return (Double) hyperparameters().valueOr(name, HyperparameterType.DOUBLE, dflt);
    }

    boolean hyperparameter(String name, boolean dflt) {
        return (Boolean) hyperparameters().valueOr(name, HyperparameterType.BOOLEAN, dflt);
    }

    String hyperparameter(String name, String dflt) {
        return (String) hyperparameters().valueOr(name, HyperparameterType.STRING, dflt);
    }

    private static Path created(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
