package dev.fahr.runtime;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a notebook calls to behave the same in the Jupyter kernel and in a training job: where to
 * read data and write models, and which hyperparameters to use.
 *
 * <p>In a job ({@code FAHR_EXECUTION_ENVIRONMENT} set by the image to the driver's name, such as
 * {@code local} or {@code sagemaker}) the folders are SageMaker's under {@code /opt/ml}; in the notebook
 * they are folders beside it, created on first use, and every hyperparameter is its default.
 *
 * <pre>{@code
 * int epochs = Fahr.hyperparameter("epochs", 10);
 * Path model = Fahr.modelDir().resolve("weights.bin");
 * }</pre>
 */
public final class Fahr {

    private Fahr() {
    }

    // Created on first use, so that merely loading the class never touches the environment.
    private static final class ThisProcess {
        static final RuntimeEnvironment ENVIRONMENT = RuntimeEnvironment.ofThisProcess();
    }

    private static RuntimeEnvironment environment() {
        return ThisProcess.ENVIRONMENT;
    }

    /** True inside a training job, false in the notebook. */
    public static boolean isJob() {
        return environment().isJob();
    }

    /** The driver's name in a job (for example {@code local} or {@code sagemaker}), otherwise {@code notebook}. */
    public static String executionEnvironment() {
        return environment().executionEnvironment();
    }

    /** Where to save the trained model: {@code /opt/ml/model} in a job, {@code ./model} in the notebook. */
    public static Path modelDir() {
        return environment().modelDir();
    }

    /** Where to save other results: {@code /opt/ml/output/data} in a job, {@code ./output} in the notebook. */
    public static Path outputDir() {
        return environment().outputDir();
    }

    /** Where to save checkpoints: {@code /opt/ml/checkpoints} in a job, {@code ./checkpoints} in the notebook. */
    public static Path checkpointDir() {
        return environment().checkpointDir();
    }

    /**
     * The data of input channel {@code channel}: {@code /opt/ml/input/data/<channel>} in a job,
     * {@code ./data/<channel>} in the notebook.
     *
     * @throws IllegalArgumentException when {@code channel} is not a valid SageMaker channel name
     */
    public static Path inputDir(String channel) {
        return environment().inputDir(channel);
    }

    /** All hyperparameters of the job as given (strings); empty in the notebook. */
    public static Map<String, String> hyperparameters() {
        return environment().hyperparameters().values();
    }

    /**
     * The job's hyperparameter {@code name} as an int, or {@code dflt} in the notebook or when not given.
     *
     * @throws IllegalArgumentException when the value given is not an int
     */
    public static int hyperparameter(String name, int dflt) {
        return environment().hyperparameter(name, dflt);
    }

    /** Like {@link #hyperparameter(String, int)}, for a long. */
    public static long hyperparameter(String name, long dflt) {
        return environment().hyperparameter(name, dflt);
    }

    /** Like {@link #hyperparameter(String, int)}, for a double. */
    public static double hyperparameter(String name, double dflt) {
        return environment().hyperparameter(name, dflt);
    }

    /** Like {@link #hyperparameter(String, int)}, for a boolean: {@code true} or {@code false} in any case. */
    public static boolean hyperparameter(String name, boolean dflt) {
        return environment().hyperparameter(name, dflt);
    }

    /** Like {@link #hyperparameter(String, int)}, for a string. */
    public static String hyperparameter(String name, String dflt) {
        return environment().hyperparameter(name, dflt);
    }

    /**
     * Reports a value of metric {@code name}, at the name's next step (counted from 0). In a job it prints
     * one {@link MetricLine} on stdout (which SageMaker's MetricDefinitions read) and appends it to the job's
     * metrics file; in the notebook it keeps the value for the session, so that this run's curve can be
     * drawn beside the jobs'. NaN and infinite values are kept as they are.
     *
     * @throws IllegalArgumentException when the name is not valid (letters, digits and _ . : / -)
     */
    public static void metric(String name, double value) {
        environment().metrics().record(name, value, java.util.Optional.empty());
    }

    /** Like {@link #metric(String, double)}, at {@code step} (an epoch, say). */
    public static void metric(String name, double value, long step) {
        environment().metrics().record(name, value, java.util.Optional.of(step));
    }

    /** The metrics this process has reported, each name's values in order: in the notebook, this session's. */
    public static Map<String, java.util.List<MetricPoint>> metrics() {
        return environment().metrics().log().series();
    }
}
