package dev.fahr.workflow;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import dev.fahr.files.AtomicFile;

/**
 * The experiment folder's {@code fahr.properties}: the driver, the image and the {@code --config} values
 * given to {@code init}, so that {@code fit}, {@code copy} and later runs reuse them without options.
 * Values given again replace older ones; others are kept.
 */
final class JobSettingsFile {

    static final String DRIVER = "train_driver";
    static final String IMAGE = "train_image";
    static final String BUILDER = "builder";

    private final Path file;

    JobSettingsFile(Path folder) {
        this.file = folder.resolve(SettingsFiles.JOB_FILE);
    }

    void write(String driver, String trainImage, String builder, Map<String, String> config) throws IOException {
        Map<String, String> values = new TreeMap<>(SettingsFiles.read(file));
        values.put(DRIVER, driver);
        values.put(IMAGE, trainImage);
        values.put(BUILDER, builder);
        values.putAll(config);
        StringBuilder text = new StringBuilder("# fahr settings for this experiment; the command line overrides them\n");
        for (Map.Entry<String, String> entry : values.entrySet()) {
            text.append(escaped(entry.getKey(), entry.getValue())).append('\n');
        }
        AtomicFile.writeString(file, text);
    }

    /** One {@code key=value} line escaped as {@link java.util.Properties} reads it back. */
    private static String escaped(String key, String value) throws IOException {
        java.util.Properties one = new java.util.Properties();
        one.setProperty(key, value);
        StringWriter line = new StringWriter();
        one.store(line, null);
        return line.toString().lines().filter(l -> !l.startsWith("#")).findFirst().orElse("");
    }
}
