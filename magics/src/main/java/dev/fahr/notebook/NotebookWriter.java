package dev.fahr.notebook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import dev.fahr.files.AtomicFile;

/** Writes notebooks in Jupyter's own layout, atomically: readers see the old file or the new one, never half. */
public final class NotebookWriter {

    // Temp files are created owner-only; a fresh notebook should be readable like one Jupyter saves.
    private static final Set<PosixFilePermission> NEW_FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-r--r--");

    /** The notebook as .ipynb text: sorted keys, one-space indent, final newline. */
    public String toJson(Notebook notebook) {
        return JupyterJsonFormat.write(NotebookJsonMapping.toTree(notebook));
    }

    /**
     * Writes to a temporary file in the target's folder and then moves it over the target in one
     * step, so a crash or full disk leaves the previous notebook intact.
     */
    public void write(Notebook notebook, Path file) {
        Path target = file.toAbsolutePath();
        try {
            if (!Files.isDirectory(target.getParent())) {
                throw new java.nio.file.NoSuchFileException(target.getParent().toString());
            }
            AtomicFile.writeString(target, toJson(notebook));
        } catch (IOException e) {
            throw new NotebookException("Could not write notebook " + target + ": " + describe(e)
                    + ". Check that the folder exists and is writable; any existing file was left unchanged.", e);
        }
    }

    static String describe(IOException e) {
        return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase()
                + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }
}
