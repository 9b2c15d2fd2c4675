package dev.fahr.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.fahr.files.AtomicFile;

/**
 * The user guide's {@code copy SRC DEST}: starts the next experiment from an earlier one by copying its
 * Dockerfile, run.sh, settings and dependency manifest (and the training artefact if asked). Nothing is
 * overwritten without {@code --overwrite}, and nothing is copied unless everything can be.
 */
public final class CopyWorkflow {

    /** What an experiment folder holds besides its artefact, in the order it is copied. */
    static final List<String> EXPERIMENT_FILES = List.of("Dockerfile", "run.sh", SettingsFiles.JOB_FILE,
            DependencyStaging.MANIFEST, "requirements.txt", "environment.yml", ".dockerignore", ".fahr/templates.json");

    public List<Path> copy(Path source, Path destination, Optional<String> artifact, boolean overwrite) {
        if (!Files.isDirectory(source)) {
            throw new UsageError("the experiment folder to copy, " + source + ", does not exist");
        }
        if (source.toAbsolutePath().normalize().equals(destination.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("source and destination are the same folder: " + source);
        }
        List<String> names = new ArrayList<>();
        for (String name : EXPERIMENT_FILES) {
            if (Files.isRegularFile(source.resolve(name))) {
                names.add(name);
            }
        }
        if (!names.contains("Dockerfile")) {
            throw new IllegalArgumentException(source + " has no Dockerfile: run init there first");
        }
        if (artifact.isPresent()) {
            if (!Files.isRegularFile(source.resolve(artifact.get()))) {
                throw new UsageError("--include-training-artifact=" + artifact.get() + ": no such file in "
                        + source);
            }
            names.add(artifact.get());
        }
        List<String> existing = names.stream().filter(n -> Files.exists(destination.resolve(n))).toList();
        if (!existing.isEmpty() && !overwrite) {
            throw new IllegalArgumentException(destination + " already has " + String.join(", ", existing)
                    + "; pass --overwrite to replace them");
        }
        List<Path> copied = new ArrayList<>();
        try {
            for (String name : names) {
                Path target = destination.resolve(name);
                AtomicFile.copy(source.resolve(name), target);
                copied.add(target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("copying into " + destination + " failed: " + e.getMessage(), e);
        }
        return copied;
    }
}
