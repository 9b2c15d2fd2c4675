package dev.fahr.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import dev.fahr.files.FileTree;
import dev.fahr.files.AtomicFile;

/**
 * A job's folder: the user-editable Dockerfile and run.sh, the exported script, a {@code lib/} of
 * dependency jars, optionally requirements.txt or environment.yml, and fahr's {@code .fahr/} record.
 * Writes are atomic (a temporary file renamed into place), and a folder that a failed write created
 * is removed again, so an error never leaves a half-written job.
 *
 * @param root the folder; its name names the image
 */
public record JobFolder(Path root) {

    /** The suffix of the files {@link #writeAtomically} stages before it renames them into place. */
    static final String TEMPORARY_SUFFIX = ".fahr-tmp";

    public static final String REQUIREMENTS = "requirements.txt";
    public static final String CONDA_ENVIRONMENT = "environment.yml";

    public JobFolder {
        Objects.requireNonNull(root, "root");
        root = root.toAbsolutePath().normalize();
    }

    public static JobFolder at(Path root) {
        return new JobFolder(root);
    }

    public String name() {
        Path name = root.getFileName();
        return name == null ? "job" : name.toString();
    }

    public Path dockerfile() {
        return root.resolve(RenderedTemplates.DOCKERFILE);
    }

    public Path runScript() {
        return root.resolve(RenderedTemplates.RUN_SCRIPT);
    }

    public Path libDir() {
        return root.resolve("lib");
    }

    public boolean hasRequirementsFile() {
        return Files.isRegularFile(root.resolve(REQUIREMENTS));
    }

    public boolean hasCondaEnvironment() {
        return Files.isRegularFile(root.resolve(CONDA_ENVIRONMENT));
    }

    /** The build context of the folder as it is now. */
    public BuildContext buildContext() {
        return BuildContext.of(this);
    }

    /**
     * Writes the export (the script, and the notebook as the job runs it, if there is one), replacing an older
     * export: all files are written, or none. A stale input notebook of an earlier export is removed.
     *
     * @param files file name to content
     * @param stale a file of an earlier export that this one does not have, if any
     */
    public void writeExport(Map<String, String> files, Optional<String> stale) {
        files.keySet().forEach(name -> TemplateValueCheck.fileName("exported file name", name));
        writeAtomically(files);
        stale.filter(name -> !files.containsKey(name)).ifPresent(name -> {
            TemplateValueCheck.fileName("exported file name", name);
            FileTree.deleteQuietly(root.resolve(name));
        });
    }

    /**
     * Writes the Dockerfile and run.sh. A file the user edited since fahr wrote it (its hash no longer
     * matches {@code .fahr/templates.json}) is kept unless {@code overwrite}.
     */
    public TemplateWriteResult writeTemplates(RenderedTemplates templates, boolean overwrite) {
        Map<String, String> recorded = TemplateRecord.read(root);
        Map<String, String> newRecord = new HashMap<>(recorded);
        Map<String, String> toWrite = new LinkedHashMap<>();
        Map<String, TemplateFileOutcome> outcomes = new HashMap<>();
        Map<String, String> rendered = Map.of(
                RenderedTemplates.DOCKERFILE, templates.dockerfile(),
                RenderedTemplates.RUN_SCRIPT, templates.runScript());
        for (Map.Entry<String, String> template : rendered.entrySet()) {
            String name = template.getKey();
            String text = template.getValue();
            TemplateFileOutcome outcome = outcome(name, text, recorded.get(name), overwrite);
            outcomes.put(name, outcome);
            if (outcome != TemplateFileOutcome.KEPT_USER_EDITS) {
                newRecord.put(name, TemplateRecord.hash(text));
                if (outcome != TemplateFileOutcome.UNCHANGED) {
                    toWrite.put(name, text);
                }
            }
        }
        try {
            toWrite.put(root.relativize(TemplateRecord.location(root)).toString(), TemplateRecord.render(newRecord));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeAtomically(toWrite);
        return new TemplateWriteResult(outcomes);
    }

    private TemplateFileOutcome outcome(String name, String text, String recordedHash, boolean overwrite) {
        Path file = root.resolve(name);
        if (!Files.isRegularFile(file)) {
            return TemplateFileOutcome.CREATED;
        }
        String current;
        try {
            current = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (current.equals(text)) {
            return TemplateFileOutcome.UNCHANGED;
        }
        if (TemplateRecord.hash(current).equals(recordedHash)) {
            return TemplateFileOutcome.UPDATED;
        }
        return overwrite ? TemplateFileOutcome.OVERWROTE_USER_EDITS : TemplateFileOutcome.KEPT_USER_EDITS;
    }

    /**
     * Writes every file to a temporary sibling first and renames them into place only when all were
     * written; on failure removes the temporaries, and the folder itself if this call created it.
     */
    private void writeAtomically(Map<String, String> files) {
        boolean folderExisted = Files.isDirectory(root);
        List<Path[]> staged = new ArrayList<>();
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = root.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), TEMPORARY_SUFFIX);
                staged.add(new Path[] {temporary, target});
                Files.writeString(temporary, file.getValue(), StandardCharsets.UTF_8);
                if (target.getFileName().toString().equals(RenderedTemplates.RUN_SCRIPT)) {
                    makeExecutable(temporary);
                }
            }
            for (Path[] move : staged) {
                moveIntoPlace(move[0], move[1]);
            }
        } catch (IOException | RuntimeException e) {
            for (Path[] move : staged) {
                FileTree.deleteQuietly(move[0]);
            }
            if (!folderExisted) {
                FileTree.deleteQuietly(root);
            }
            throw new UncheckedIOException("cannot write the job folder " + root + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        AtomicFile.moveOver(temporary, target);
    }

    private static void makeExecutable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException notPosix) {
            // The build context gives run.sh mode 0755 anyway.
        }
    }
}
