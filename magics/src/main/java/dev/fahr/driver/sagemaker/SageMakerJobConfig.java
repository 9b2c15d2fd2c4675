package dev.fahr.driver.sagemaker;

import static dev.fahr.driver.sagemaker.SageMakerSettings.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import dev.fahr.driver.MetricNamesSetting;
import dev.fahr.job.InputChannel;
import dev.fahr.runtime.MetricLine;
import dev.fahr.job.JobSpec;
import dev.fahr.settings.Settings;
import dev.fahr.settings.SettingsException;

/**
 * The settings of one training job, typed, complete and checked against each other the way SageMaker
 * checks its request, so that a mistake is refused before anything is uploaded or pushed.
 */
record SageMakerJobConfig(
        S3Location outputPath,
        String role,
        String instanceType,
        int instanceCount,
        int volumeSizeGb,
        int maxRuntimeSeconds,
        boolean useSpot,
        OptionalInt maxWaitSeconds,
        Optional<S3Location> checkpoint,
        Map<String, String> inputs,
        Map<String, String> environment,
        Map<String, String> tags,
        Map<String, String> metricDefinitions) {

    /** SageMaker's limits on MetricDefinitions: how many, and how long each regex may be. */
    static final int MAX_METRICS = 40;
    static final int MAX_METRIC_REGEX = 500;

    /** SageMaker's TrainingEnvironmentKey and TagKey patterns. */
    private static final Pattern ENV_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,511}");
    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    SageMakerJobConfig {
        inputs = Map.copyOf(inputs);
        environment = Map.copyOf(environment);
        tags = Map.copyOf(tags);
        metricDefinitions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metricDefinitions));
    }

    /** The job's settings, with the spec's own inputs and environment merged in (the settings win). */
    static SageMakerJobConfig of(JobSpec spec) {
        Map<String, String> inputs = new LinkedHashMap<>();
        for (InputChannel channel : spec.inputs()) {
            inputs.put(channel.name(), channel.source());
        }
        Map<String, String> environment = new LinkedHashMap<>(spec.environment());
        return of(spec.settings(), spec.gpu(), inputs, environment);
    }

    static SageMakerJobConfig of(Settings settings, boolean gpu, Map<String, String> specInputs,
            Map<String, String> specEnvironment) {
        S3Location output = settings.uri(OUTPUT_PATH).map(S3Location::of).orElseThrow(() -> new SettingsException(
                "output_path is required: pass --config.output_path=s3://your-bucket/some/prefix/"));
        String role = settings.string(ROLE_NAME).orElseThrow(() -> new SettingsException(
                "role_name is required: pass --config.role_name=NAME or ARN of a role SageMaker can assume"));
        int maxRuntime = settings.integer(MAX_RUNTIME).orElse(86400);
        boolean spot = settings.flag(USE_SPOT);
        OptionalInt maxWait = settings.integer(MAX_WAIT).map(OptionalInt::of).orElse(OptionalInt.empty());
        if (maxWait.isPresent() && !spot) {
            throw new SettingsException("max_wait is only valid with use_spot=true (SageMaker: MaxWaitTimeInSeconds "
                    + "can only be set when EnableManagedSpotTraining is true)");
        }
        if (maxWait.isPresent() && maxWait.getAsInt() < maxRuntime) {
            throw new SettingsException("max_wait (" + maxWait.getAsInt() + " s) must be at least max_runtime ("
                    + maxRuntime + " s) (SageMaker: MaxWaitTimeInSeconds must be greater than or equal to "
                    + "MaxRuntimeInSeconds)");
        }
        Map<String, String> inputs = new LinkedHashMap<>(specInputs);
        settings.withPrefix(INPUT).forEach((channel, source) -> {
            try {
                new InputChannel(channel, source); // checks SageMaker's channel name rule
            } catch (IllegalArgumentException e) {
                throw new SettingsException("input." + channel + ": " + e.getMessage());
            }
            inputs.put(channel, source);
        });
        Map<String, String> environment = new LinkedHashMap<>(specEnvironment);
        environment.putAll(settings.withPrefix(ENV));
        environment.keySet().forEach(name -> require(ENV_NAME.matcher(name).matches(), "env." + name
                + " is not a valid environment variable name: use letters, digits and _, not starting with a digit"));
        Map<String, String> tags = new LinkedHashMap<>(settings.withPrefix(TAG));
        tags.forEach((key, value) -> require(key.length() <= 128 && value.length() <= 256
                && TAG_TEXT.matcher(key).matches() && TAG_TEXT.matcher(value).matches(), "tag." + key
                + " is not a valid SageMaker tag: up to 128 (key) / 256 (value) letters, digits, spaces and _.:/=+-@"));
        return new SageMakerJobConfig(output, role,
                settings.string(INSTANCE_TYPE).orElse(gpu ? DEFAULT_GPU_INSTANCE : DEFAULT_CPU_INSTANCE),
                settings.integer(INSTANCE_COUNT).orElse(1),
                settings.integer(VOLUME_SIZE).orElse(30),
                maxRuntime, spot, maxWait,
                settings.uri(CHECKPOINT_S3_URI).map(S3Location::of),
                inputs, environment, tags, metricDefinitions(MetricNamesSetting.of(settings)));
    }

    /**
     * One MetricDefinition per metric name: SageMaker finds each value in the job's log with the regex of
     * {@link MetricLine}, and records it (console, CloudWatch, its tuner).
     */
    static Map<String, String> metricDefinitions(List<String> names) {
        require(names.size() <= MAX_METRICS, "the job reports " + names.size() + " metrics, and SageMaker takes at"
                + " most " + MAX_METRICS + " MetricDefinitions: report fewer, or name the " + MAX_METRICS
                + " to record with --config." + MetricNamesSetting.NAME + "=NAME,...");
        Map<String, String> definitions = new LinkedHashMap<>();
        for (String name : names) {
            String regex = MetricLine.regexFor(name);
            require(regex.length() <= MAX_METRIC_REGEX, "metric " + name + " makes a regex of " + regex.length()
                    + " characters, and SageMaker takes at most " + MAX_METRIC_REGEX + ": use a shorter name");
            definitions.put(name, regex);
        }
        return definitions;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new SettingsException(message);
        }
    }
}
