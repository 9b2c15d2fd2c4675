package dev.fahr.engine;

import java.io.File;
import java.net.MalformedURLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

/** JShell's class loading for cells, through a {@link NotebookClassLoader}; as the JDK's own delegate does it. */
final class NotebookLoaderDelegate implements LoaderDelegate {

    private final NotebookClassLoader loader;
    private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();

    NotebookLoaderDelegate(ClassLoader parent) {
        this.loader = new NotebookClassLoader(parent);
    }

    NotebookClassLoader loader() {
        return loader;
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException {
        boolean[] installed = new boolean[classes.length];
        try {
            for (ClassBytecodes c : classes) {
                loader.declare(c.name(), c.bytecodes());
            }
            for (int i = 0; i < classes.length; i++) {
                Class<?> type = loader.loadClass(classes[i].name());
                loaded.put(classes[i].name(), type);
                installed[i] = true;
                type.getDeclaredMethods(); // links it now, so that a broken class fails here, not mid-cell
            }
        } catch (Throwable e) {
            throw new ClassInstallException("load: " + e.getMessage(), installed);
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] classes) {
        for (ClassBytecodes c : classes) {
            loader.declare(c.name(), c.bytecodes());
        }
    }

    @Override
    public void addToClasspath(String classPath) throws InternalException {
        try {
            for (String entry : classPath.split(File.pathSeparator)) {
                loader.addURL(new File(entry).toURI().toURL());
            }
        } catch (MalformedURLException e) {
            throw new InternalException(e.toString());
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> type = loaded.get(name);
        if (type == null) {
            throw new ClassNotFoundException(name + " not found");
        }
        return type;
    }
}
