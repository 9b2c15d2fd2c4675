package dev.fahr.runtime;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where SageMaker's container contract puts things, under {@code /opt/ml}. The root can be moved with
 * {@code FAHR_ML_ROOT} so that tests, and drivers that cannot mount {@code /opt/ml}, use the same layout.
 *
 * @param root the {@code /opt/ml} folder
 */
public record JobLayout(Path root) {

    /** The environment variable that moves the root away from {@code /opt/ml}. */
    public static final String ROOT_VARIABLE = "FAHR_ML_ROOT";

    private static final Path DEFAULT_ROOT = Path.of("/opt/ml");

    /** The metrics file's name in the job's output data folder. */
    public static final String METRICS_FILE = "fahr-metrics.txt";

    // SageMaker's ChannelName pattern and length limit; checking here also keeps a channel name from
    // escaping the data folder with "../".
    private static final Pattern CHANNEL_NAME = Pattern.compile("[A-Za-z0-9.\\-_]{1,64}");

    /** The layout for the given environment. */
    public static JobLayout from(Map<String, String> environment) {
        String root = environment.get(ROOT_VARIABLE);
        return new JobLayout(root == null || root.isBlank() ? DEFAULT_ROOT : Path.of(root));
    }

    /** Uploaded as {@code model.tar.gz} when the job ends. */
    public Path modelDir() {
        return root.resolve("model");
    }

    /** Uploaded as {@code output.tar.gz} when the job ends. */
    public Path outputDataDir() {
        return root.resolve("output").resolve("data");
    }

    /** Synchronised with the job's checkpoint S3 location, when one is configured. */
    public Path checkpointDir() {
        return root.resolve("checkpoints");
    }

    /** Where the data of input channel {@code channel} is downloaded to. */
    public Path inputDataDir(String channel) {
        return root.resolve("input").resolve("data").resolve(validChannel(channel));
    }

    public Path hyperparametersFile() {
        return root.resolve("input").resolve("config").resolve("hyperparameters.json");
    }

    /** Its first 1,024 characters become the job's FailureReason. */
    /** The metrics {@code Fahr.metric} reported, one {@link MetricLine} each; output.tar.gz keeps it. */
    public Path metricsFile() {
        return outputDataDir().resolve(METRICS_FILE);
    }

    public Path failureFile() {
        return root.resolve("output").resolve("failure");
    }

    /**
     * Returns {@code channel} when it is a valid SageMaker channel name.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static String validChannel(String channel) {
        if (channel == null || !CHANNEL_NAME.matcher(channel).matches()) {
            throw new IllegalArgumentException("invalid channel name \"" + channel
                    + "\": use 1 to 64 letters, digits, '.', '-' or '_'");
        }
        return channel;
    }
}
