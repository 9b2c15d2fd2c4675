package dev.fahr.driver.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.fahr.driver.DockerHostSetting;
import dev.fahr.settings.SettingKey;
import dev.fahr.settings.SettingType;
import dev.fahr.settings.Settings;
import dev.fahr.settings.SettingsSchema;

/**
 * The local driver's {@code --config.*} settings, typed.
 *
 * @param dockerHost  the engine's address; empty for DOCKER_HOST or else the default socket
 * @param memoryBytes the container's memory limit (swap included: no swap, as on SageMaker)
 * @param nanoCpus    the container's CPU limit in billionths of a CPU
 * @param gpus        how many GPUs to request: empty for "all when the job wants a GPU, else none"
 * @param inputs      input channels given as settings, by channel name
 * @param environment extra environment variables of the container
 * @param network     {@code none} (the default: a training job reaches nothing) or {@code host}
 * @param stopTimeout seconds between SIGTERM and SIGKILL when stopping
 * @param workspace   the folder holding one workspace folder per job; empty for the default
 */
record LocalSettings(
        Optional<String> dockerHost,
        OptionalLong memoryBytes,
        OptionalLong nanoCpus,
        OptionalInt gpus,
        Map<String, String> inputs,
        Map<String, String> environment,
        String network,
        int stopTimeout,
        Optional<Path> workspace) {

    static final String MEMORY = "memory";
    static final String CPUS = "cpus";
    static final String GPUS = "gpus";
    static final String INPUT = "input";
    static final String ENV = "env";
    static final String NETWORK = "network";
    static final String STOP_TIMEOUT = "stop_timeout";
    static final String WORKSPACE = "workspace";

    // Docker's own syntax for --memory: a number and an optional unit b, k, m or g.
    private static final Pattern MEMORY_SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([bkmg]?)b?",
            Pattern.CASE_INSENSITIVE);
    // The engine refuses less than 6 MB.
    private static final long MIN_MEMORY = 6L * 1024 * 1024;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static final SettingsSchema SCHEMA = new SettingsSchema("local", List.of(
            DockerHostSetting.KEY,
            SettingKey.builder(MEMORY, SettingType.STRING)
                    .description("Memory limit of the training container, as docker run --memory: 512m, 4g. "
                            + "Swap is not added on top. Default: no limit.")
                    .check(v -> memoryBytes(String.valueOf(v)).isPresent(),
                            "must be a size such as 512m or 4g (b, k, m or g; at least 6m)")
                    .build(),
            SettingKey.builder(CPUS, SettingType.DOUBLE)
                    .description("CPU limit of the training container, as docker run --cpus: 1.5 is one and a half "
                            + "cores. Default: no limit.")
                    .check(v -> ((Number) v).doubleValue() > 0 && ((Number) v).doubleValue() <= 4096,
                            "must be a number of CPUs greater than 0")
                    .build(),
            SettingKey.builder(GPUS, SettingType.INT)
                    .description("How many GPUs to give the container (needs the NVIDIA container runtime). "
                            + "Default: all GPUs for a GPU image, none otherwise; 0 runs a GPU image without GPUs.")
                    .range(0, 64)
                    .build(),
            SettingKey.builder(INPUT, SettingType.STRING).prefix()
                    .description("input.<channel>=PATH: a local file or folder mounted read-only at "
                            + "/opt/ml/input/data/<channel> (a file appears inside that folder under its own name).")
                    .build(),
            SettingKey.builder(ENV, SettingType.STRING).prefix()
                    .description("env.<NAME>=VALUE: an environment variable of the training container.")
                    .build(),
            SettingKey.builder(NETWORK, SettingType.STRING)
                    .description("The container's network: none (nothing reachable, the default) or host "
                            + "(the machine's network, e.g. to download data).")
                    .allowed("none", "host")
                    .defaultValue("none")
                    .build(),
            SettingKey.builder(STOP_TIMEOUT, SettingType.INT)
                    .description("Seconds a stopped job gets between SIGTERM and SIGKILL, 120 as on SageMaker.")
                    .range(0, 3600)
                    .defaultValue("120")
                    .build(),
            SettingKey.builder(WORKSPACE, SettingType.STRING)
                    .description("The folder that holds one folder per job (its /opt/ml: config, model, output, "
                            + "checkpoints). Default: .fahr/local-jobs in the job folder.")
                    .build()));

    LocalSettings {
        inputs = Map.copyOf(inputs);
        environment = Map.copyOf(environment);
    }

    static LocalSettings from(Settings settings) {
        Map<String, String> environment = settings.withPrefix(ENV);
        environment.keySet().forEach(name -> {
            if (!ENV_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("env." + name + " is not a valid environment variable name: "
                        + "use letters, digits and _, not starting with a digit");
            }
        });
        return new LocalSettings(
                DockerHostSetting.of(settings),
                settings.string(MEMORY).map(text -> memoryBytes(text).orElseThrow())
                        .map(OptionalLong::of).orElse(OptionalLong.empty()),
                settings.number(CPUS).map(cpus -> OptionalLong.of(Math.round(cpus * 1e9))).orElse(OptionalLong.empty()),
                settings.integer(GPUS).map(OptionalInt::of).orElse(OptionalInt.empty()),
                settings.withPrefix(INPUT),
                environment,
                settings.string(NETWORK).orElse("none"),
                settings.integer(STOP_TIMEOUT).orElse(120),
                settings.string(WORKSPACE).filter(path -> !path.isBlank()).map(Path::of));
    }

    /** {@code 4g} as bytes, or empty when it is no size Docker accepts. */
    static OptionalLong memoryBytes(String text) {
        Matcher size = MEMORY_SIZE.matcher(text.strip());
        if (!size.matches()) {
            return OptionalLong.empty();
        }
        long unit = switch (size.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 1024L;
            case "m" -> 1024L * 1024;
            case "g" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        double bytes = Double.parseDouble(size.group(1)) * unit;
        return bytes < MIN_MEMORY || bytes > Long.MAX_VALUE / 2 ? OptionalLong.empty() : OptionalLong.of((long) bytes);
    }

    /** The GPU count to request: -1 for all, 0 for none. */
    int gpuCount(boolean specWantsGpu) {
        return gpus.isPresent() ? gpus.getAsInt() : specWantsGpu ? -1 : 0;
    }
}
