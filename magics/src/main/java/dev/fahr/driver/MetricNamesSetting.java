package dev.fahr.driver;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.fahr.runtime.MetricLine;
import dev.fahr.settings.SettingKey;
import dev.fahr.settings.SettingSource;
import dev.fahr.settings.SettingType;
import dev.fahr.settings.Settings;

/**
 * {@code metrics}: the metric names a job reports, for a driver that must know them before the job runs
 * (SageMaker's MetricDefinitions). fit puts in the names the notebook's code states literally; the setting
 * adds others (names a notebook builds at run time). One key for every driver that wants it, read one way.
 */
public final class MetricNamesSetting {

    public static final String NAME = "metrics";

    public static final SettingKey KEY = SettingKey.builder(NAME, SettingType.STRING)
            .description("Metric names the job reports, comma-separated, besides those the notebook's literal "
                    + "Fahr.metric(\"...\") calls (or printed fahr-metric lines) name, e.g. val/loss,lr.")
            .check(value -> names(String.valueOf(value)).stream().allMatch(MetricNamesSetting::valid),
                    "must be metric names separated by commas: letters, digits and _ . : / -")
            .build();

    private MetricNamesSetting() {
    }

    /** The names set, in order; none when unset. */
    public static List<String> of(Settings settings) {
        return settings.string(NAME).map(MetricNamesSetting::names).orElse(List.of());
    }

    /**
     * A source that sets the names to {@code reported} plus those the settings already have, in that
     * order, to be put before the settings' own sources.
     */
    public static Optional<SettingSource> withReported(Settings settings, List<String> reported) {
        if (settings.schema().keys().stream().noneMatch(key -> key.name().equals(NAME))) {
            return Optional.empty();
        }
        Set<String> names = new LinkedHashSet<>(reported);
        names.addAll(of(settings));
        return names.isEmpty() ? Optional.empty()
                : Optional.of(new SettingSource("the notebook's metrics and " + NAME,
                        java.util.Map.of(NAME, String.join(",", names))));
    }

    private static List<String> names(String text) {
        List<String> names = new ArrayList<>();
        for (String name : text.split(",")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        return names;
    }

    private static boolean valid(String name) {
        try {
            MetricLine.checkName(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
