package dev.fahr.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * The one way fahr replaces a file: write a temporary sibling, force it to disk, rename it over the target.
 * A reader (another process, a crash, an upload of the folder) sees the old file or the new one, never half
 * of one; a failed write leaves the old file as it was and no temporary behind. A replaced file keeps its
 * permissions.
 */
public final class AtomicFile {

    /** The suffix of a file being written: readers of a folder (a build context) leave such files out. */
    public static final String PARTIAL_SUFFIX = ".partial";

    /** What goes into the file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /** Replaces {@code target} with what {@code content} writes; creates its folder if needed. */
    public static void write(Path target, Content content) throws IOException {
        Path file = target.toAbsolutePath();
        Files.createDirectories(file.getParent());
        Path partial = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", PARTIAL_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                OutputStream out = new Unclosable(Channels.newOutputStream(channel));
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            keepPermissions(file, partial);
            moveOver(partial, file);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Replaces {@code target} with {@code text} in UTF-8. */
    public static void writeString(Path target, CharSequence text) throws IOException {
        write(target, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces {@code target} with a copy of {@code source}, whose permissions it takes. */
    public static void copy(Path source, Path target) throws IOException {
        Path file = target.toAbsolutePath();
        Files.createDirectories(file.getParent());
        Path partial = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", PARTIAL_SUFFIX);
        try {
            Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            moveOver(partial, file);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * Renames a finished file over {@code target}: atomically where the file system can, else (a few network
     * and FUSE file systems) by the plain replace they allow.
     */
    public static void moveOver(Path finished, Path target) throws IOException {
        try {
            Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(finished, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void keepPermissions(Path target, Path partial) throws IOException {
        PosixFileAttributeView from = Files.getFileAttributeView(target, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributeView to = Files.getFileAttributeView(partial, PosixFileAttributeView.class);
        if (from == null || to == null) {
            return;
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            to.setPermissions(from.readAttributes().permissions());
        } else {
            // A new file gets what Files.write gives one under the usual umask (createTempFile's is owner-only).
            to.setPermissions(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Writers that close what they wrote to (Jackson, gzip) must not close the channel before it is forced. */
    private static final class Unclosable extends OutputStream {
        private final OutputStream out;

        Unclosable(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
