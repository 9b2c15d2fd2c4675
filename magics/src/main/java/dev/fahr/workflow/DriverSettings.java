package dev.fahr.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.fahr.records.JobRecord;
import dev.fahr.settings.SettingSource;
import dev.fahr.settings.Settings;
import dev.fahr.driver.MetricNamesSetting;
import dev.fahr.driver.TrainingDriver;

/** Turns settings from their sources into a driver's typed settings. */
public final class DriverSettings {

    private DriverSettings() {
    }

    /** The command line first, then the files: the first source that sets a key wins. */
    public static Settings resolve(TrainingDriver driver, Map<String, String> commandLine, SettingsFiles files) {
        return resolve(driver, commandLine, files, List.of());
    }

    /**
     * As {@link #resolve(TrainingDriver, Map, SettingsFiles)}; a driver that wants the metric names (see
     * {@link MetricNamesSetting}) gets {@code reportedMetrics} plus those its settings name.
     */
    public static Settings resolve(TrainingDriver driver, Map<String, String> commandLine, SettingsFiles files,
                                   List<String> reportedMetrics) {
        List<SettingSource> sources = new ArrayList<>();
        if (!commandLine.isEmpty()) {
            sources.add(new SettingSource("command line", commandLine));
        }
        sources.addAll(files.sourcesFor(driver.settingsSchema()));
        Settings settings = Settings.resolve(driver.settingsSchema(), sources);
        Optional<SettingSource> metrics = MetricNamesSetting.withReported(settings, reportedMetrics);
        if (metrics.isEmpty()) {
            return settings;
        }
        sources.add(0, metrics.get());
        return Settings.resolve(driver.settingsSchema(), sources);
    }

    /** The settings a job was launched with, as its record keeps them. */
    public static Settings of(TrainingDriver driver, JobRecord record) {
        return Settings.resolve(driver.settingsSchema(), List.of(new SettingSource("job record", record.settings())));
    }

    /** The settings as text, to be kept in a job record. */
    public static Map<String, String> asText(Settings settings) {
        Map<String, String> text = new java.util.TreeMap<>();
        settings.all().forEach((k, v) -> {
            if (!"default".equals(v.source())) {
                text.put(k, String.valueOf(v.value()));
            }
        });
        return text;
    }
}
