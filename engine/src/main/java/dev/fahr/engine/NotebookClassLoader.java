package dev.fahr.engine;

import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads what cells run: the classes JShell compiles from them, and the jars {@code %maven}, {@code %jars} and
 * {@code %classpath} add. Its parent is {@link NotebookApiClassLoader}, which shows the JDK and the notebook
 * API only, so that a cell runs against the library versions it added, never against the copies inside the
 * kernel jar (Guava, Jackson, Commons, Netty, ...), just as it compiled against them.
 */
final class NotebookClassLoader extends URLClassLoader {

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final Map<String, byte[]> snippetClasses = new ConcurrentHashMap<>();

    NotebookClassLoader(ClassLoader parent) {
        super("notebook", new URL[0], parent);
    }

    /** Makes a class JShell compiled loadable under its name; a redefinition replaces the bytes. */
    void declare(String className, byte[] bytes) {
        snippetClasses.put(className, bytes);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = snippetClasses.get(name);
        if (bytes == null) {
            return super.findClass(name);
        }
        return defineClass(name, bytes, 0, bytes.length, (CodeSource) null);
    }

    @Override
    public void addURL(URL url) {
        super.addURL(url);
    }
}
