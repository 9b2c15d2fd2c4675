package dev.fahr.notebook;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

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
        Path folder = target.getParent();
        byte[] bytes = toJson(notebook).getBytes(StandardCharsets.UTF_8);
        Path temp = null;
        try {
            temp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".fahr-tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            copyPermissions(target, temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new NotebookException("Could not write notebook " + target + ": " + describe(e)
                    + ". Check that the folder exists and is writable; any existing file was left unchanged.", e);
        }
    }

    private static void copyPermissions(Path target, Path temp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        view.setPermissions(Files.exists(target) ? Files.getPosixFilePermissions(target) : NEW_FILE_PERMISSIONS);
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // The write already failed; that error is the one worth reporting.
        }
    }

    static String describe(IOException e) {
        return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase()
                + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }
}
