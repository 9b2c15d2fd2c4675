package dev.fahr.kernel.magic;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The kernel's own magics: class path and script loading. What they need from the kernel is behind
 * {@link Host}, so that they are testable without one.
 */
public final class BuiltinMagics {

    /** What the built-in magics act on. */
    public interface Host {
        void addToClasspath(Path jar);

        List<String> classPath();

        /** Evaluates code as if it were a cell of its own, returning its value. */
        Object evalScript(String code);

        Set<String> lineMagicNames();

        Set<String> cellMagicNames();

        Path workingDirectory();
    }

    private final Host host;
    private final MagicCatalog catalog;
    private final Consumer<Path> onAdded;

    /** @param onAdded told of every path {@code %jars} and {@code %classpath} add, e.g. to record it in a ledger */
    public BuiltinMagics(Host host, MagicCatalog catalog, Consumer<Path> onAdded) {
        this.host = host;
        this.catalog = catalog;
        this.onAdded = onAdded;
        catalog.describe("lsmagic", "list every magic with a one-line description");
        catalog.describe("jars", "add local jars to the class path: %jars PATH-OR-GLOB ...");
        catalog.describe("classpath", "list the class path, or add entries: %classpath [PATH ...]");
        catalog.describe("load", "run a JShell script in this session: %load FILE.jsh");
    }

    /**
     * Whether a magic name is the help spelling of another ({@code fahr_fit?}): extensions register it as a
     * name of its own for kernels whose parser reads the {@code ?} into the name; it is not listed or offered.
     */
    public static boolean isHelpSpelling(String magicName) {
        return magicName.endsWith("?");
    }

    public String lsmagic() {
        StringBuilder text = new StringBuilder("Line magics:\n");
        for (String name : new TreeSet<>(host.lineMagicNames())) {
            if (isHelpSpelling(name)) {
                continue;
            }
            text.append(String.format("  %%%-16s %s%n", name, catalog.descriptionOf(name)));
        }
        Set<String> cellMagics = new TreeSet<>(host.cellMagicNames());
        if (!cellMagics.isEmpty()) {
            text.append("Cell magics:\n");
            for (String name : cellMagics) {
                text.append(String.format("  %%%%%-15s %s%n", name, catalog.descriptionOf(name)));
            }
        }
        return text.toString().stripTrailing();
    }

    /** {@code %jars a.jar lib/*.jar}: every matching jar goes on the class path; a pattern matching none is an error. */
    public List<String> jars(List<String> args) throws IOException {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("%jars needs a path or glob, e.g. %jars lib/*.jar");
        }
        List<String> added = new ArrayList<>();
        for (String arg : args) {
            List<Path> matches = resolve(arg);
            if (matches.isEmpty()) {
                throw new IllegalArgumentException("%jars: nothing matches " + arg + " (relative paths start at "
                        + host.workingDirectory() + ")");
            }
            for (Path jar : matches) {
                host.addToClasspath(jar);
                onAdded.accept(jar);
                added.add(jar.toString());
            }
        }
        return added;
    }

    /** {@code %classpath} lists; {@code %classpath PATH ...} adds folders or jars. */
    public String classpath(List<String> args) throws IOException {
        if (args.isEmpty()) {
            return String.join("\n", host.classPath());
        }
        for (String arg : args) {
            List<Path> matches = resolve(arg);
            if (matches.isEmpty()) {
                throw new IllegalArgumentException("%classpath: " + arg + " does not exist");
            }
            for (Path path : matches) {
                host.addToClasspath(path);
                onAdded.accept(path);
            }
        }
        return null;
    }

    public Object load(List<String> args) throws IOException {
        if (args.size() != 1) {
            throw new IllegalArgumentException("%load takes one file, e.g. %load helpers.jsh");
        }
        Path script = host.workingDirectory().resolve(args.get(0)).normalize();
        if (!Files.isReadable(script)) {
            throw new IllegalArgumentException("%load: cannot read " + script);
        }
        return host.evalScript(Files.readString(script));
    }

    private List<Path> resolve(String pathOrGlob) throws IOException {
        Path base = host.workingDirectory();
        if (!pathOrGlob.contains("*") && !pathOrGlob.contains("?") && !pathOrGlob.contains("[")) {
            Path path = base.resolve(pathOrGlob).normalize();
            return Files.exists(path) ? List.of(path) : List.of();
        }
        Path globRoot = base.resolve(pathOrGlob).getParent();
        while (globRoot != null && globRoot.toString().matches(".*[*?\\[].*")) {
            globRoot = globRoot.getParent();
        }
        if (globRoot == null || !Files.isDirectory(globRoot)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault()
                .getPathMatcher("glob:" + base.resolve(pathOrGlob).normalize());
        try (Stream<Path> files = Files.walk(globRoot)) {
            return files.filter(Files::isRegularFile).map(Path::normalize).filter(matcher::matches).sorted().toList();
        }
    }
}
