package dev.fahr.engine;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** This JVM's own class path ({@code java.class.path}): what cells must not see, and what names the API cache. */
public final class JvmClassPath {

    private JvmClassPath() {
    }

    /** Its entries, absolute and normalized, in order. */
    public static List<Path> entries() {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry).toAbsolutePath().normalize());
            }
        }
        return entries;
    }
}
