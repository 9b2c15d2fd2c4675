package dev.fahr.driver;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import dev.fahr.files.AtomicFile;
import dev.fahr.files.StagedFolder;

/**
 * SageMaker's {@code model.tar.gz}: a gzip-compressed POSIX tar of the model folder, with relative
 * paths and file modes kept. Every driver packs and extracts it the same way, through this class.
 *
 * <p>Extraction treats the archive as untrusted (the original fahr extracted without checks): an entry
 * that would land outside the target, by {@code ../}, an absolute path, or a link pointing outside, is
 * refused, and so is an entry reached through a symbolic link. Everything is first extracted into a
 * temporary sibling of the target and moved into place only when the whole archive was accepted, so a
 * refused archive leaves nothing behind.
 */
public final class ModelArchive {

    /** The archive's name, as SageMaker uploads it. */
    public static final String FILE_NAME = "model.tar.gz";

    private static final int READ_WRITE = 0644;

    private ModelArchive() {
    }

    /**
     * Packs the contents of {@code folder} (not the folder itself) into {@code archive}, written to a
     * temporary sibling first and renamed, so a reader never sees half an archive.
     *
     * @throws UncheckedIOException when a file cannot be read or the archive cannot be written
     */
    public static void pack(Path folder, Path archive) {
        try {
            AtomicFile.write(archive, out -> {
                try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(new BufferedOutputStream(out));
                     TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
                    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                    if (Files.isDirectory(folder)) {
                        for (Path path : sortedTree(folder)) {
                            writeEntry(tar, folder, path);
                        }
                    }
                    tar.finish();
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack " + folder + " into " + archive + ": " + e.getMessage(), e);
        }
    }

    /**
     * Extracts {@code archive} into {@code target} (created if missing) and returns the files and links
     * it wrote, in archive order. Entries replace files of the same name in {@code target}; other files
     * there are left alone.
     *
     * @throws UnsafeArchiveException when an entry would land outside {@code target}; nothing is extracted
     * @throws UncheckedIOException   when the archive cannot be read or the files cannot be written
     */
    public static List<Path> extract(Path archive, Path target) {
        Path destination = target.toAbsolutePath().normalize();
        try {
            List<String> written = StagedFolder.fill(destination, "extracting", staging -> extractInto(archive, staging));
            List<Path> files = new ArrayList<>();
            for (String name : written) {
                files.add(destination.resolve(name));
            }
            return List.copyOf(files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + archive + " into " + target + ": " + e.getMessage(), e);
        }
    }

    /** An archive entry would land outside the extraction folder; the message names the entry. */
    public static final class UnsafeArchiveException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsafeArchiveException(String message) {
            super(message);
        }
    }

    private static List<Path> sortedTree(Path folder) throws IOException {
        try (Stream<Path> tree = Files.walk(folder)) {
            // Sorted by relative path: the same folder always packs to the same entry order.
            return tree.filter(path -> !path.equals(folder))
                    .sorted((a, b) -> relativeName(folder, a).compareTo(relativeName(folder, b)))
                    .toList();
        }
    }

    private static void writeEntry(TarArchiveOutputStream tar, Path folder, Path path) throws IOException {
        String name = relativeName(folder, path);
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        TarArchiveEntry entry;
        if (attributes.isSymbolicLink()) {
            entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
            entry.setLinkName(Files.readSymbolicLink(path).toString());
        } else if (attributes.isDirectory()) {
            entry = new TarArchiveEntry(name + "/");
            entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE);
        } else if (attributes.isRegularFile()) {
            entry = new TarArchiveEntry(name);
            entry.setSize(attributes.size());
        } else {
            return; // sockets, pipes and devices are no model artefacts
        }
        if (!attributes.isSymbolicLink()) {
            entry.setMode((entry.getMode() & ~0777) | permissionBits(path));
        }
        entry.setModTime(attributes.lastModifiedTime());
        tar.putArchiveEntry(entry);
        if (attributes.isRegularFile()) {
            Files.copy(path, tar);
        }
        tar.closeArchiveEntry();
    }

    private static String relativeName(Path folder, Path path) {
        return folder.relativize(path).toString().replace('\\', '/');
    }

    private static List<String> extractInto(Path archive, Path staging) throws IOException {
        Path root = staging.toRealPath();
        List<String> written = new ArrayList<>();
        try (InputStream file = Files.newInputStream(archive);
             GzipCompressorInputStream gzip = new GzipCompressorInputStream(new BufferedInputStream(file));
             TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = safeName(entry.getName());
                if (name.isEmpty()) {
                    continue; // "./" itself
                }
                Path path = root.resolve(name);
                if (entry.isDirectory()) {
                    createFoldersSafely(root, path, entry.getName());
                    setPermissions(path, entry.getMode(), 0755);
                    continue;
                }
                createFoldersSafely(root, path.getParent(), entry.getName());
                removeExisting(path);
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(path, safeLinkTarget(root, path, entry));
                } else if (entry.isLink()) {
                    Path source = root.resolve(safeName(entry.getLinkName()));
                    // A copy, not a link: a hard link could tie the result to a file the archive did not make.
                    Files.copy(source, path, LinkOption.NOFOLLOW_LINKS);
                } else if (entry.isFile()) {
                    try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE)) {
                        tar.transferTo(out);
                    }
                    setPermissions(path, entry.getMode(), READ_WRITE);
                    Files.setLastModifiedTime(path, FileTime.from(entry.getModTime().toInstant()));
                } else {
                    throw new UnsafeArchiveException("refusing archive entry '" + entry.getName()
                            + "': devices, pipes and other special files are not model artefacts");
                }
                written.add(name);
            }
        }
        return written;
    }

    /** The entry's name, relative and normalised, or a refusal when it is absolute or climbs out. */
    private static String safeName(String raw) {
        String name = raw.replace('\\', '/');
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw new UnsafeArchiveException("refusing archive entry '" + raw + "': absolute paths are not allowed");
        }
        Path normalized = Path.of(name).normalize();
        String text = normalized.toString().replace('\\', '/');
        if (text.equals("..") || text.startsWith("../")) {
            throw new UnsafeArchiveException("refusing archive entry '" + raw + "': it points outside the target folder");
        }
        return text;
    }

    /**
     * The link's target, normalised, when it stays inside {@code root}. The normalised form is what gets
     * written: {@code a/../x} means something else on disk when {@code a} is itself a link, and only the
     * normalised target means what this check saw.
     */
    private static Path safeLinkTarget(Path root, Path link, TarArchiveEntry entry) {
        Path target = Path.of(entry.getLinkName().replace('\\', '/')).normalize();
        if (target.isAbsolute() || !link.getParent().resolve(target).normalize().startsWith(root)) {
            throw new UnsafeArchiveException("refusing archive entry '" + entry.getName() + "': it is a symbolic link to '"
                    + entry.getLinkName() + "', outside the target folder");
        }
        return target.toString().isEmpty() ? Path.of(".") : target;
    }

    /**
     * Creates {@code folder} and its parents below {@code root} one by one, refusing to pass through a
     * symbolic link: a link made by an earlier entry, even one pointing inside, must not carry a later
     * entry (or a folder created for it) somewhere else.
     */
    private static void createFoldersSafely(Path root, Path folder, String rawName) throws IOException {
        if (folder.equals(root)) {
            return;
        }
        Path current = root;
        for (Path part : root.relativize(folder)) {
            current = current.resolve(part.toString());
            if (Files.isSymbolicLink(current)) {
                throw new UnsafeArchiveException("refusing archive entry '" + rawName
                        + "': it is reached through the symbolic link '" + root.relativize(current) + "'");
            }
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
            }
        }
    }

    // A later entry of the same name wins, as with tar itself; never write through an existing link.
    private static void removeExisting(Path path) throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(path);
        }
    }

    private static int permissionBits(Path path) throws IOException {
        try {
            int bits = 0;
            for (PosixFilePermission permission : Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)) {
                bits |= 0400 >> permission.ordinal();
            }
            return bits;
        } catch (UnsupportedOperationException e) {
            return Files.isDirectory(path) ? 0755 : READ_WRITE;
        }
    }

    private static void setPermissions(Path path, int mode, int fallback) throws IOException {
        int bits = (mode & 0777) == 0 ? fallback : mode & 0777;
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission permission : PosixFilePermission.values()) {
            if ((bits & (0400 >> permission.ordinal())) != 0) {
                permissions.add(permission);
            }
        }
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException e) {
            // A file system without POSIX modes keeps its defaults.
        }
    }
}
