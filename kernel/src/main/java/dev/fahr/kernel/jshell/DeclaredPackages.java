package dev.fahr.kernel.jshell;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import dev.fahr.engine.DeclaredImports;

/** The packages that jars declare for notebook code (see {@link NotebookApi}), where their classes are, and copying them. */
final class DeclaredPackages {

    /** Package name, slash form, to where its classes are. */
    private final Map<String, PackageSource> packages;

    private DeclaredPackages(Map<String, PackageSource> packages) {
        this.packages = packages;
    }

    /** Reads every {@code resource} list {@code loader} finds and locates each listed class's package. */
    static DeclaredPackages find(ClassLoader loader, String resource) throws IOException {
        Map<String, PackageSource> packages = new TreeMap<>();
        for (URL list : Collections.list(loader.getResources(resource))) {
            for (String className : DeclaredImports.readList(list)) {
                String classFile = className.replace('.', '/') + ".class";
                URL location = loader.getResource(classFile);
                if (location == null) {
                    throw new IOException(list + " names " + className + ", which is not on the class path");
                }
                String packagePath = classFile.substring(0, Math.max(0, classFile.lastIndexOf('/')));
                packages.put(packagePath, PackageSource.of(location, packagePath));
            }
        }
        return new DeclaredPackages(packages);
    }

    /** The jars and folders the classes come from. */
    Set<Path> sources() {
        Set<Path> sources = new TreeSet<>();
        packages.values().forEach(source -> sources.add(source.path()));
        return sources;
    }

    /** Copies each package's classes (not its sub-packages') into {@code target}, in their package folders. */
    void copyTo(Path target) throws IOException {
        Map<Path, Set<String>> byJar = new TreeMap<>();
        for (Map.Entry<String, PackageSource> e : packages.entrySet()) {
            PackageSource source = e.getValue();
            if (source.jar() != null) {
                byJar.computeIfAbsent(source.jar(), j -> new LinkedHashSet<>()).add(e.getKey());
            } else {
                copyFolder(source.folder(), target.resolve(e.getKey()));
            }
        }
        for (Map.Entry<Path, Set<String>> e : byJar.entrySet()) {
            copyFromJar(e.getKey(), e.getValue(), target);
        }
    }

    private static void copyFolder(Path packageFolder, Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(packageFolder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().endsWith(".class")) {
                    Files.copy(file, target.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void copyFromJar(Path jar, Set<String> packagePaths, Path target) throws IOException {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                int slash = name.lastIndexOf('/');
                if (entry.isDirectory() || !name.endsWith(".class") || slash < 0
                        || !packagePaths.contains(name.substring(0, slash))) {
                    continue;
                }
                Path out = target.resolve(name);
                Files.createDirectories(out.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Where a package's classes are: a jar (the kernel's, or a library's), or a folder in a development build. */
    record PackageSource(Path jar, Path folder) {

        static PackageSource of(URL classLocation, String packagePath) throws IOException {
            try {
                if ("jar".equals(classLocation.getProtocol())) {
                    URL jarUrl = ((JarURLConnection) classLocation.openConnection()).getJarFileURL();
                    return new PackageSource(Path.of(jarUrl.toURI()), null);
                }
                if ("file".equals(classLocation.getProtocol())) {
                    return new PackageSource(null, Path.of(classLocation.toURI()).getParent());
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new IOException("cannot read the classes of " + packagePath + " from " + classLocation, e);
            }
            throw new IOException("cannot read the classes of " + packagePath + " from " + classLocation);
        }

        /** The jar, or the package's folder. */
        Path path() {
            return jar != null ? jar : folder;
        }
    }
}
