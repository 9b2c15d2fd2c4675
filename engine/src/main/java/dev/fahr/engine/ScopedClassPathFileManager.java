package dev.fahr.engine;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * The compiler's file manager, with a class path of the notebook API plus what the user added, never the
 * kernel's own class path. JShell starts from {@code java.class.path} and, on every addition, hands the
 * compiler that property followed by all additions; this manager drops the kernel's entries from it.
 */
final class ScopedClassPathFileManager extends ForwardingJavaFileManager<StandardJavaFileManager>
        implements StandardJavaFileManager {

    private static final Set<String> CLASS_PATH_OPTIONS = Set.of("-classpath", "-cp", "--class-path");

    private final List<Path> api;
    private final Set<Path> hidden;

    private ScopedClassPathFileManager(StandardJavaFileManager standard, List<Path> api, Set<Path> hidden) {
        super(standard);
        this.api = List.copyOf(api);
        this.hidden = Set.copyOf(hidden);
    }

    /** For {@code JShell.Builder.fileManager}: compile against {@code api}, hide the JVM's own class path. */
    static Function<StandardJavaFileManager, StandardJavaFileManager> scopedTo(List<Path> api) {
        Set<Path> jvmClassPath = new LinkedHashSet<>(JvmClassPath.entries());
        return standard -> {
            ScopedClassPathFileManager scoped = new ScopedClassPathFileManager(standard, api, jvmClassPath);
            try {
                standard.setLocationFromPaths(StandardLocation.CLASS_PATH, scoped.api);
            } catch (IOException e) {
                throw new IllegalStateException("cannot compile against " + scoped.api + ": " + e.getMessage(), e);
            }
            return scoped;
        };
    }

    @Override
    public boolean handleOption(String current, Iterator<String> remaining) {
        if (CLASS_PATH_OPTIONS.contains(current) && remaining.hasNext()) {
            return super.handleOption(current, List.of(scope(remaining.next())).iterator());
        }
        return super.handleOption(current, remaining);
    }

    /** The API first, then each given entry that is not part of the kernel's own class path. */
    String scope(String classPath) {
        Set<String> entries = new LinkedHashSet<>();
        api.forEach(p -> entries.add(p.toString()));
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isBlank() && !hidden.contains(normalize(entry))) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Path normalize(String entry) {
        return Path.of(entry).toAbsolutePath().normalize();
    }

    // The rest only forwards StandardJavaFileManager to the standard manager.

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromFiles(Iterable<? extends File> files) {
        return fileManager.getJavaFileObjectsFromFiles(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromPaths(Collection<? extends Path> paths) {
        return fileManager.getJavaFileObjectsFromPaths(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(File... files) {
        return fileManager.getJavaFileObjects(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(Path... paths) {
        return fileManager.getJavaFileObjects(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromStrings(Iterable<String> names) {
        return fileManager.getJavaFileObjectsFromStrings(names);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(String... names) {
        return fileManager.getJavaFileObjects(names);
    }

    @Override
    public void setLocation(JavaFileManager.Location location, Iterable<? extends File> files) throws IOException {
        fileManager.setLocation(location, files);
    }

    @Override
    public void setLocationFromPaths(JavaFileManager.Location location, Collection<? extends Path> paths)
            throws IOException {
        fileManager.setLocationFromPaths(location, paths);
    }

    @Override
    public void setLocationForModule(JavaFileManager.Location location, String moduleName,
            Collection<? extends Path> paths) throws IOException {
        fileManager.setLocationForModule(location, moduleName, paths);
    }

    @Override
    public Iterable<? extends File> getLocation(JavaFileManager.Location location) {
        return fileManager.getLocation(location);
    }

    @Override
    public Iterable<? extends Path> getLocationAsPaths(JavaFileManager.Location location) {
        return fileManager.getLocationAsPaths(location);
    }

    @Override
    public Path asPath(FileObject file) {
        return fileManager.asPath(file);
    }

    @Override
    public void setPathFactory(PathFactory factory) {
        fileManager.setPathFactory(factory);
    }
}
