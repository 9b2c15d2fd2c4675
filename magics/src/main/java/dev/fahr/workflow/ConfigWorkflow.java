package dev.fahr.workflow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.fahr.driver.TrainingDriver;
import dev.fahr.image.BaseImage;
import dev.fahr.settings.SettingKey;
import dev.fahr.settings.Settings;

/**
 * {@code config}: the settings a {@code fit} in an experiment folder would use, each with where it came from:
 * the command line, the folder's {@code fahr.properties}, the project's {@code .fahr/settings.properties}, the
 * user's {@code ~/.config/fahr/settings.properties}, or the default.
 */
public final class ConfigWorkflow {

    /** One setting as shown: its name, value (empty when unset), source and description. */
    public record Entry(String name, String value, String source, String description) {
    }

    /** The settings of the driver a fit would use. */
    public record Effective(Path folder, String driver, List<Entry> entries) {
        public Effective {
            entries = List.copyOf(entries);
        }
    }

    private final DriverRegistry drivers;
    private final Path workingDirectory;
    private final Map<String, String> environment;

    public ConfigWorkflow(DriverRegistry drivers, Path workingDirectory, Map<String, String> environment) {
        this.drivers = drivers;
        this.workingDirectory = workingDirectory;
        this.environment = environment;
    }

    /**
     * @param trainDriver as {@code --train-driver} gives it, if given
     * @param trainImage  as {@code --train-image} gives it, if given
     * @param config      {@code --config.KEY=VALUE} settings
     */
    public Effective effective(Path experiment, Optional<String> trainDriver, Optional<String> trainImage,
                               Map<String, String> config) {
        SettingsFiles files = new SettingsFiles(experiment, ProjectLayout.around(workingDirectory), environment);
        List<Entry> entries = new ArrayList<>();
        String driverName = trainDriver.map(d -> d.strip().toLowerCase(java.util.Locale.ROOT))
                .or(() -> files.workflowValue(JobSettingsFile.DRIVER)).orElse(InitWorkflow.DEFAULT_DRIVER);
        entries.add(new Entry(JobSettingsFile.DRIVER, driverName,
                workflowSource(files, JobSettingsFile.DRIVER, trainDriver.isPresent()), "where jobs run (--train-driver)"));
        String image = trainImage.or(() -> files.workflowValue(JobSettingsFile.IMAGE)).orElse(BaseImage.DEFAULT_CPU);
        entries.add(new Entry(JobSettingsFile.IMAGE, image, workflowSource(files, JobSettingsFile.IMAGE,
                trainImage.isPresent()), "the base image kind or an image reference (--train-image)"));
        entries.add(new Entry(JobSettingsFile.BUILDER, files.workflowValue(JobSettingsFile.BUILDER).orElse(ImageBuilders.AUTO),
                workflowSource(files, JobSettingsFile.BUILDER, false), "how the image is built: auto, docker or jib"
                + " (--builder)"));

        TrainingDriver driver = drivers.get(driverName);
        Map<String, Settings.Value> values = DriverSettings.resolve(driver, config, files).all();
        for (SettingKey key : driver.settingsSchema().keys()) {
            if (key.prefix()) {
                values.forEach((name, value) -> {
                    if (name.startsWith(key.name() + ".")) {
                        entries.add(new Entry(name, String.valueOf(value.value()), sourceLabel(files, value.source()),
                                key.description()));
                    }
                });
            } else {
                Settings.Value value = values.get(key.name());
                entries.add(value == null
                        ? new Entry(key.name(), "", "not set", key.description())
                        : new Entry(key.name(), String.valueOf(value.value()), sourceLabel(files, value.source()),
                                key.description()));
            }
        }
        return new Effective(experiment, driverName, entries);
    }

    private static String workflowSource(SettingsFiles files, String key, boolean onCommandLine) {
        if (onCommandLine) {
            return "command line";
        }
        return files.workflowSource(key).map(file -> sourceLabel(files, file.toString())).orElse("default");
    }

    /** "command line", "default", or which file: the experiment folder's, the project's or the user's. */
    private static String sourceLabel(SettingsFiles files, String source) {
        List<Path> paths = files.files();
        String[] kinds = {"experiment folder", "project", "user"};
        for (int i = 0; i < paths.size() && i < kinds.length; i++) {
            if (paths.get(i).toString().equals(source)) {
                return kinds[i] + " (" + source + ")";
            }
        }
        return source;
    }
}
