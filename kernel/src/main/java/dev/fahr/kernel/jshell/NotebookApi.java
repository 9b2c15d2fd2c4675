package dev.fahr.kernel.jshell;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import dev.fahr.files.FileTree;
import dev.fahr.engine.JvmClassPath;

/**
 * The packages notebook code compiles against, copied out of the jars that declare them into one small
 * folder, which becomes JShell's compile class path (what the user adds comes on top).
 *
 * <p>Left alone, JShell compiles against the kernel's whole class path: the kernel's own libraries would
 * be usable from cells without {@code %maven} (and then missing in the training job, which gets exactly the
 * recorded dependencies), and javac would index the 60 MB kernel jar on the first compile, about 0.1 s of
 * every start-up. A jar declares its notebook API in {@value #RESOURCE}: one class name per line, whose
 * package (not its sub-packages) becomes visible. The folder is cached by the declaring jars' size and
 * time stamp, so a start-up after the first only compares those.
 */
public final class NotebookApi {

    /** Resource listing, one per line, a class of each package that notebook code may compile against. */
    public static final String RESOURCE = "META-INF/jshell/api-classes";

    /** In each folder: the sources it was copied from, with the sizes and time stamps they had then. */
    private static final String SOURCES = ".sources";

    private NotebookApi() {
    }

    /**
     * The folder for this JVM's class path, in the user's cache folder, else in the temporary folder; an
     * empty list when neither works, after saying so: cells then compile against the whole class path.
     */
    public static List<Path> forThisJvm() {
        List<Path> classPath = JvmClassPath.entries();
        List<Path> roots = List.of(userCacheFolder().resolve("fahr-kernel").resolve("notebook-api"),
                Path.of(System.getProperty("java.io.tmpdir"), "fahr-kernel-" + System.getProperty("user.name"), "notebook-api"));
        IOException last = null;
        for (Path root : roots) {
            try {
                return List.of(folder(NotebookApi.class.getClassLoader(), classPath, root));
            } catch (IOException e) {
                last = e;
            }
        }
        System.err.println("fahr kernel: cells compile against the kernel's whole class path, because the notebook "
                + "API could not be prepared in " + roots.get(0) + ": " + last.getMessage());
        return List.of();
    }

    /** As install.sh and the XDG rules have it: the JVM's user.home ignores HOME, which users and tests set. */
    private static Path userCacheFolder() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg);
        }
        String home = System.getenv("HOME");
        if (home != null && !home.isBlank() && Path.of(home).isAbsolute()) {
            return Path.of(home, ".cache");
        }
        return Path.of(System.getProperty("user.home"), ".cache");
    }

    /**
     * Returns the folder holding the declared packages' classes, under {@code cacheRoot}. A start-up with
     * the same class path finds it and only compares the sizes and time stamps recorded in it (one jar's,
     * for the kernel jar); otherwise it is built again. Two kernels building it at once is harmless: each
     * builds its own copy, and one rename wins.
     *
     * @param classPath the entries {@code loader} loads from: they name the folder, and a change to any of
     *     them (or a list appearing in a folder entry) builds it again
     */
    public static Path folder(ClassLoader loader, List<Path> classPath, Path cacheRoot) throws IOException {
        // The jars' sizes and time stamps are part of the name: for a class path of jars only (the kernel's),
        // the folder's name and its marker say that it is up to date, without reading anything.
        CRC32 key = new CRC32();
        boolean jarsOnly = true;
        for (Path entry : classPath) {
            boolean jar = Files.isRegularFile(entry);
            jarsOnly &= jar;
            String stamp = jar ? Files.size(entry) + "/" + Files.getLastModifiedTime(entry).toMillis() : "folder";
            key.update((entry + "|" + stamp + File.pathSeparator).getBytes(StandardCharsets.UTF_8));
        }
        Path folder = cacheRoot.resolve(Long.toHexString(key.getValue()));
        if (jarsOnly ? Files.isRegularFile(folder.resolve(SOURCES)) : upToDate(folder)) {
            return folder;
        }
        DeclaredPackages packages = DeclaredPackages.find(loader, RESOURCE);
        Set<Path> sources = new TreeSet<>(packages.sources());
        for (Path entry : classPath) {
            if (Files.isDirectory(entry)) {
                sources.add(entry.resolve(RESOURCE));
            } else {
                sources.add(entry);
            }
        }
        Files.createDirectories(cacheRoot);
        Path staging = Files.createTempDirectory(cacheRoot, ".staging-");
        try {
            packages.copyTo(staging);
            List<String> fingerprints = new ArrayList<>();
            for (Path source : sources) {
                fingerprints.add(fingerprint(source));
            }
            // Written last: a folder without it is incomplete and never used.
            Files.write(staging.resolve(SOURCES), fingerprints, StandardCharsets.UTF_8);
            FileTree.delete(folder);
            try {
                Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | DirectoryNotEmptyException e) {
                if (!upToDate(folder)) {
                    throw e;
                }
            }
        } finally {
            FileTree.delete(staging);
        }
        pruneOthers(cacheRoot, folder);
        return folder;
    }

    /**
     * Deletes the folders of earlier jars. Not those built within the last day: a kernel started before a
     * reinstall may still read its folder.
     */
    private static void pruneOthers(Path cacheRoot, Path keep) {
        long dayAgo = System.currentTimeMillis() - 24L * 60 * 60 * 1000;
        try (Stream<Path> folders = Files.list(cacheRoot)) {
            for (Path other : (Iterable<Path>) folders::iterator) {
                Path sources = other.resolve(SOURCES);
                if (!other.equals(keep) && Files.isRegularFile(sources)
                        && Files.getLastModifiedTime(sources).toMillis() < dayAgo) {
                    FileTree.delete(other);
                }
            }
        } catch (IOException e) {
            // Left for the next start to delete: a folder too many is harmless.
        }
    }

    private static boolean upToDate(Path folder) throws IOException {
        Path recorded = folder.resolve(SOURCES);
        if (!Files.isRegularFile(recorded)) {
            return false;
        }
        for (String line : Files.readAllLines(recorded, StandardCharsets.UTF_8)) {
            String path = line.substring(0, Math.max(0, line.indexOf('\t')));
            if (path.isEmpty() || !line.equals(fingerprint(Path.of(path)))) {
                return false;
            }
        }
        return true;
    }

    /** Changes whenever the classes may have: a jar's size and time stamp, a folder's newest class file. */
    private static String fingerprint(Path source) throws IOException {
        if (!Files.exists(source)) {
            return source + "\tmissing";
        }
        if (!Files.isDirectory(source)) {
            return source + "\t" + Files.size(source) + "\t" + Files.getLastModifiedTime(source).toMillis();
        }
        long newest = 0;
        int count = 0;
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                newest = Math.max(newest, Files.getLastModifiedTime(file).toMillis());
                count++;
            }
        }
        return source + "\t" + count + "\t" + newest;
    }
}
