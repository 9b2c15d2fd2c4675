package dev.fahr.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.fahr.resolver.Sha256;
import dev.fahr.files.AtomicFile;

/**
 * The exported scripts jobs ran, kept by content in the project's {@code .fahr/scripts/<sha256>}, so that
 * two runs can be compared cell by cell long after the experiment folder moved on. The same script is kept
 * once, however many jobs ran it.
 */
public final class ScriptStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path folder;

    /** @param projectFolder the folder that holds {@code .fahr/jobs.json} */
    public ScriptStore(Path projectFolder) {
        this.folder = projectFolder.resolve(".fahr").resolve("scripts");
    }

    /** Keeps {@code script} (written atomically, once) and returns its SHA-256. */
    public String put(String script) {
        String sha256 = Sha256.of(script);
        Path file = folder.resolve(sha256);
        if (Files.isRegularFile(file)) {
            return sha256;
        }
        try {
            // Content-addressed: two writers racing write the same bytes.
            AtomicFile.writeString(file, script);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the job's script in " + folder + ": " + e.getMessage(), e);
        }
        return sha256;
    }

    /** The script with this SHA-256, if it is kept here. */
    public Optional<String> get(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            return Optional.empty();
        }
        try {
            Path file = folder.resolve(sha256);
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kept script " + sha256 + ": " + e.getMessage(), e);
        }
    }
}
