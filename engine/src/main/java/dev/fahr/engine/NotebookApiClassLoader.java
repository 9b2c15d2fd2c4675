package dev.fahr.engine;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The parent of what cells load: the JDK (through the platform class loader), and from the kernel only the
 * notebook API's classes (those in the API folders the compiler sees, see the kernel's NotebookApi) and
 * JShell's stop check, as the very classes the kernel itself uses, so that a {@code Display} a cell makes
 * is the kernel's. Nothing is read up front: a class the JDK does not have costs one file lookup in the folders.
 */
final class NotebookApiClassLoader extends ClassLoader {

    static {
        ClassLoader.registerAsParallelCapable();
    }

    /** Woven into snippet code from JDK 20 on; shipped by the engine, see {@code REPL.$Cancel$}. */
    private static final String STOP_CHECK_CLASS = "REPL.$Cancel$";

    private final ClassLoader kernel;
    private final List<Path> apiFolders;

    NotebookApiClassLoader(ClassLoader kernel, List<Path> apiFolders) {
        super("notebook-api", ClassLoader.getPlatformClassLoader());
        this.kernel = kernel;
        this.apiFolders = List.copyOf(apiFolders);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        // Reached when the JDK has no such class.
        if (name.equals(STOP_CHECK_CLASS) || inApi(name.replace('.', '/') + ".class")) {
            return kernel.loadClass(name);
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        return inApi(name) ? kernel.getResource(name) : null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        return inApi(name) ? kernel.getResources(name) : Collections.emptyEnumeration();
    }

    private boolean inApi(String resource) {
        for (Path folder : apiFolders) {
            if (Files.isRegularFile(folder.resolve(resource))) {
                return true;
            }
        }
        return false;
    }
}
