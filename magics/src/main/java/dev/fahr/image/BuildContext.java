package dev.fahr.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import dev.fahr.files.AtomicFile;

/**
 * The files a job's image is built from: only those its Dockerfile COPYs or ADDs, minus what
 * .dockerignore excludes, never a credential file (see {@link CredentialFiles}) and never fahr's own
 * {@code .fahr/} bookkeeping; plus the embedded fahr-runner.jar and an empty {@code lib/} when the job
 * has no dependency jars. Its content hash (paths, modes and contents, in path order) names the image.
 */
public final class BuildContext {

    /** Every entry's time stamp, so that the same files give the same tar bytes. */
    private static final FileTime FIXED_TIME = FileTime.fromMillis(0);

    static final String BOOKKEEPING_FOLDER = ".fahr";
    private static final String DOCKERIGNORE = ".dockerignore";
    private static final String LIB = "lib";

    private final String folderName;
    private final String dockerfile;
    private final List<ContextEntry> entries;
    private final List<String> excludedSecrets;
    private final String contentHash;

    private BuildContext(String folderName, String dockerfile, List<ContextEntry> entries, List<String> excludedSecrets) {
        this.folderName = folderName;
        this.dockerfile = dockerfile;
        this.entries = List.copyOf(entries);
        this.excludedSecrets = List.copyOf(excludedSecrets);
        this.contentHash = hash(this.entries);
    }

    /** @throws IllegalStateException when the folder has no Dockerfile */
    public static BuildContext of(JobFolder folder) {
        Path root = folder.root();
        Path dockerfilePath = root.resolve(RenderedTemplates.DOCKERFILE);
        if (!Files.isRegularFile(dockerfilePath)) {
            throw new IllegalStateException("no Dockerfile in " + root + ": prepare the job first (%fahr_init)");
        }
        try {
            String dockerfile = Files.readString(dockerfilePath, StandardCharsets.UTF_8);
            Path ignoreFile = root.resolve(DOCKERIGNORE);
            DockerIgnore ignore = Files.isRegularFile(ignoreFile)
                    ? DockerIgnore.parse(Files.readString(ignoreFile, StandardCharsets.UTF_8)) : DockerIgnore.none();
            List<String> sources = DockerfileSources.parse(dockerfile).contextSources();
            List<PathPattern> needed = sources.stream().map(PathPattern::of).toList();
            // The runner jar and an empty lib/ are added only for a Dockerfile that names them, as
            // fahr's does, not for one that copies the whole folder.
            List<PathPattern> named = sources.stream().filter(source -> !PathPattern.clean(source).isEmpty())
                    .map(PathPattern::of).toList();
            return collect(folder.name(), root, dockerfile, ignore, needed, named);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the job folder " + root + ": " + e.getMessage(), e);
        }
    }

    private static BuildContext collect(String folderName, Path root, String dockerfile, DockerIgnore ignore,
                                        List<PathPattern> needed, List<PathPattern> named) throws IOException {
        TreeMap<String, ContextEntry> entries = new TreeMap<>();
        List<String> secrets = new ArrayList<>();
        Path realRoot = root.toRealPath();
        try (Stream<Path> walk = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            for (Path file : (Iterable<Path>) walk::iterator) {
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                String path = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                boolean alwaysSent = path.equals(RenderedTemplates.DOCKERFILE) || path.equals(DOCKERIGNORE);
                if (path.equals(BOOKKEEPING_FOLDER) || path.startsWith(BOOKKEEPING_FOLDER + "/")
                        || path.equals(RunnerJar.FILE_NAME) || isBeingWritten(path)) {
                    continue;
                }
                // A symbolic link is checked where it leads, too: lib/x.jar -> ~/.aws/credentials stays out.
                if (CredentialFiles.isSecret(path) || CredentialFiles.isSecret(linkTarget(realRoot, file))) {
                    secrets.add(path);
                    continue;
                }
                if (!alwaysSent && (ignore.excludes(path) || needed.stream().noneMatch(p -> p.coversPathOrParent(path)))) {
                    continue;
                }
                ContextEntry entry;
                try {
                    entry = new ContextEntry(path, false, mode(file), Files.size(file), Optional.of(file),
                            () -> Files.newInputStream(file));
                } catch (NoSuchFileException renamedMeanwhile) {
                    // another writer's temporary, renamed into place since the walk listed it
                    continue;
                }
                addParents(entries, path);
                entries.put(path, entry);
            }
        }
        if (named.stream().anyMatch(p -> p.coversPathOrParent(RunnerJar.FILE_NAME))) {
            byte[] runner = RunnerJar.bytes();
            entries.put(RunnerJar.FILE_NAME, new ContextEntry(RunnerJar.FILE_NAME, false, 0644, runner.length,
                    Optional.empty(), () -> new ByteArrayInputStream(runner)));
        }
        // COPY lib/ fails on a missing folder, and a notebook without dependencies has no jars.
        if (named.stream().anyMatch(p -> p.coversPathOrParent(LIB))) {
            entries.putIfAbsent(LIB, new ContextEntry(LIB, true, 0755, 0, Optional.empty(), null));
        }
        return new BuildContext(folderName, dockerfile, new ArrayList<>(entries.values()), secrets);
    }

    /**
     * A file fahr is writing (an init in another process, a kernel and a shell at once): it is staged under
     * a temporary name and renamed into place, so the finished file is what the image gets, never this one.
     */
    private static boolean isBeingWritten(String path) {
        return path.endsWith(JobFolder.TEMPORARY_SUFFIX) || path.endsWith(AtomicFile.PARTIAL_SUFFIX);
    }

    /** Where a file really is: relative to the job folder when inside it, else absolute. */
    private static String linkTarget(Path realRoot, Path file) throws IOException {
        Path real = file.toRealPath();
        Path shown = real.startsWith(realRoot) ? realRoot.relativize(real) : real;
        return shown.toString().replace(real.getFileSystem().getSeparator(), "/");
    }

    private static void addParents(TreeMap<String, ContextEntry> entries, String path) {
        int slash = path.indexOf('/');
        while (slash > 0) {
            String parent = path.substring(0, slash);
            entries.putIfAbsent(parent, new ContextEntry(parent, true, 0755, 0, Optional.empty(), null));
            slash = path.indexOf('/', slash + 1);
        }
    }

    // Only the owner's execute bit matters, as in git; run.sh must be executable for the ENTRYPOINT.
    private static int mode(Path file) throws IOException {
        if (file.getFileName().toString().equals(RenderedTemplates.RUN_SCRIPT)) {
            return 0755;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.contains(PosixFilePermission.OWNER_EXECUTE) ? 0755 : 0644;
        } catch (UnsupportedOperationException notPosix) {
            return 0644;
        }
    }

    /** The job folder's name, which names the image. */
    public String folderName() {
        return folderName;
    }

    /** The Dockerfile the context is built with. */
    public String dockerfile() {
        return dockerfile;
    }

    /** The images the Dockerfile starts from (not counting its own stages). */
    public List<String> baseImages() {
        return DockerfileSources.parse(dockerfile).baseImages();
    }

    /** The context's files and folders, sorted by path, for a builder that adds them one by one (Jib). */
    List<ContextEntry> entries() {
        return entries;
    }

    /** The context's paths, sorted; folders end with '/'. */
    public List<String> paths() {
        return entries.stream().map(entry -> entry.directory() ? entry.path() + "/" : entry.path()).toList();
    }

    /** Credential files found in the job folder and left out of the context, for a warning. */
    public List<String> excludedSecrets() {
        return excludedSecrets;
    }

    /** SHA-256 (hex) over the sorted paths, modes and contents. */
    public String contentHash() {
        return contentHash;
    }

    /**
     * Writes the context as the tar stream Docker's build API takes: owner root and a fixed time stamp, so
     * the same files always give the same bytes; long names in PAX headers. A file that changed size since
     * the context was read fails the write instead of sending a torn entry.
     */
    public void writeTar(OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (ContextEntry entry : entries) {
            TarArchiveEntry header = new TarArchiveEntry(entry.directory() ? entry.path() + "/" : entry.path());
            header.setMode((entry.directory() ? TarArchiveEntry.DEFAULT_DIR_MODE : TarArchiveEntry.DEFAULT_FILE_MODE)
                    & ~0777 | entry.mode());
            header.setModTime(FIXED_TIME);
            if (!entry.directory()) {
                header.setSize(entry.size());
            }
            tar.putArchiveEntry(header);
            if (!entry.directory()) {
                try (InputStream in = entry.content().open()) {
                    long copied = in.transferTo(tar);
                    if (copied != entry.size()) {
                        throw new IOException(entry.path() + " changed while the build context was written ("
                                + entry.size() + " bytes expected, " + copied + " read)");
                    }
                }
            }
            tar.closeArchiveEntry();
        }
        // finish, not close: the stream is the caller's.
        tar.finish();
        tar.flush();
    }

    private static String hash(List<ContextEntry> entries) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (ContextEntry entry : entries) {
                String header = entry.path() + '\0' + (entry.directory() ? 'd' : 'f') + Integer.toOctalString(entry.mode())
                        + '\0' + entry.size() + '\0';
                digest.update(header.getBytes(StandardCharsets.UTF_8));
                if (!entry.directory()) {
                    try (InputStream in = entry.content().open()) {
                        for (int n; (n = in.read(buffer)) > 0; ) {
                            digest.update(buffer, 0, n);
                        }
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a file of the build context: " + e.getMessage(), e);
        }
    }
}
