package dev.fahr.workflow;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.fahr.settings.SettingKey;
import dev.fahr.settings.SettingSource;
import dev.fahr.settings.SettingsException;
import dev.fahr.settings.SettingsSchema;

/**
 * Settings from files, below the command line in priority: the experiment folder's
 * {@code fahr.properties}, the project's {@code .fahr/settings.properties}, and the user's
 * {@code ~/.config/fahr/settings.properties}. A key may name its driver ({@code sagemaker.role_name});
 * an unprefixed key applies to whichever driver knows it, so one user file can serve every driver.
 */
public final class SettingsFiles {

    public static final String JOB_FILE = "fahr.properties";

    private final List<Path> files;

    public SettingsFiles(Path experimentFolder, ProjectLayout project, Map<String, String> environment) {
        String xdg = environment.getOrDefault("XDG_CONFIG_HOME", "");
        Path config = xdg.isBlank()
                ? Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")), ".config")
                : Path.of(xdg);
        this.files = List.of(experimentFolder.resolve(JOB_FILE), project.settingsFile(),
                config.resolve("fahr").resolve("settings.properties"));
    }

    public List<Path> files() {
        return files;
    }

    /** Sources for {@code schema}'s driver, highest priority first. */
    public List<SettingSource> sourcesFor(SettingsSchema schema) {
        List<SettingSource> sources = new ArrayList<>();
        for (Path file : files) {
            Map<String, String> raw = read(file);
            Map<String, String> mine = new LinkedHashMap<>();
            raw.forEach((key, value) -> {
                String driverPrefix = schema.owner() + ".";
                if (key.startsWith(driverPrefix)) {
                    String name = key.substring(driverPrefix.length());
                    schema.lookup(name);
                    mine.put(name, value);
                } else if (knows(schema, key)) {
                    mine.putIfAbsent(key, value);
                }
            });
            if (!mine.isEmpty()) {
                sources.add(new SettingSource(file.toString(), mine));
            }
        }
        return sources;
    }

    /** A workflow-level key such as {@code train_driver}, from the first file that sets it. */
    public java.util.Optional<String> workflowValue(String key) {
        for (Path file : files) {
            String value = read(file).get(key);
            if (value != null) {
                return java.util.Optional.of(value);
            }
        }
        return java.util.Optional.empty();
    }

    /** The first file that sets the workflow-level {@code key}, as {@link #workflowValue} reads it. */
    public java.util.Optional<Path> workflowSource(String key) {
        for (Path file : files) {
            if (read(file).containsKey(key)) {
                return java.util.Optional.of(file);
            }
        }
        return java.util.Optional.empty();
    }

    private static boolean knows(SettingsSchema schema, String key) {
        try {
            SettingKey found = schema.lookup(key);
            return found != null;
        } catch (SettingsException unknown) {
            return false;
        }
    }

    static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read settings file " + file, e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(k -> values.put(k, properties.getProperty(k)));
        return values;
    }
}
