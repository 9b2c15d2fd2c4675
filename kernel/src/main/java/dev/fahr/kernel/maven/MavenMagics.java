package dev.fahr.kernel.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import dev.fahr.kernel.magic.MagicCatalog;
import dev.fahr.resolver.DependencyLedger;
import dev.fahr.resolver.DependencyResolver;
import dev.fahr.resolver.MavenCoordinate;
import dev.fahr.resolver.Repository;
import dev.fahr.resolver.Resolution;
import dev.fahr.resolver.ResolutionException;
import dev.fahr.resolver.ResolvedArtifact;

/**
 * {@code %maven} (alias {@code %addMavenDependency}) and {@code %mavenRepo}, as IJava and JJava users know
 * them: resolve Maven coordinates with their dependencies, put the jars on the class path, and record
 * everything in the kernel's {@link DependencyLedger}.
 */
public final class MavenMagics {

    /** System property naming the settings.xml to use; it wins over {@link #SETTINGS_ENV}. */
    public static final String SETTINGS_PROPERTY = "fahr.maven.settings";
    /** Environment variable naming the settings.xml to use; the default is {@code ~/.m2/settings.xml}. */
    public static final String SETTINGS_ENV = "FAHR_MAVEN_SETTINGS";

    private final Consumer<Path> classpath;
    private final DependencyLedger ledger;
    private final Path settingsFile;
    private final List<Repository> addedRepositories = new ArrayList<>();
    private final Set<Path> onClasspath = new LinkedHashSet<>();
    private final Map<String, String> versionsAdded = new HashMap<>();
    // Built on first use: a broken settings.xml must fail %maven, not the kernel's start.
    private DependencyResolver resolver;

    public MavenMagics(Consumer<Path> classpath, DependencyLedger ledger, Path settingsFile, MagicCatalog catalog) {
        this.classpath = classpath;
        this.ledger = ledger;
        this.settingsFile = settingsFile;
        catalog.describe("maven", "resolve Maven artifacts with their dependencies onto the class path: %maven g:a:v [g:a:v ...]");
        catalog.describe("addMavenDependency", "the same as %maven");
        catalog.describe("mavenRepo", "add a Maven repository for later %maven calls: %mavenRepo ID URL");
    }

    /** The magics of a kernel: its own ledger file, and the settings.xml the knobs name. */
    public static MavenMagics start(Consumer<Path> classpath, MagicCatalog catalog) {
        return new MavenMagics(classpath, KernelLedger.start(), settingsFile(), catalog);
    }

    static Path settingsFile() {
        String property = System.getProperty(SETTINGS_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv(SETTINGS_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "settings.xml");
    }

    /** {@code %maven}: prints what was added, as a line magic of IJava does. */
    public Object maven(List<String> args) throws ResolutionException, IOException {
        System.out.println(add(args));
        return null;
    }

    /** Resolves and adds; returns the summary line. Coordinates may be separated by spaces or commas. */
    public synchronized String add(List<String> args) throws ResolutionException, IOException {
        List<MavenCoordinate> coordinates = MavenCoordinate.parseList(String.join(" ", args));
        if (coordinates.isEmpty()) {
            throw new IllegalArgumentException("%maven needs coordinates, e.g. %maven org.apache.commons:commons-math3:3.6.1");
        }
        Resolution resolution = resolver().resolve(coordinates);
        List<String> added = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (ResolvedArtifact artifact : resolution.artifacts()) {
            if (!artifact.extension().equals("jar") || !onClasspath.add(artifact.file())) {
                continue;
            }
            String earlier = versionsAdded.putIfAbsent(artifact.groupId() + ":" + artifact.artifactId(), artifact.version());
            if (earlier != null && !earlier.equals(artifact.version())) {
                conflicts.add(artifact.groupId() + ":" + artifact.artifactId() + " " + artifact.version()
                        + " (" + earlier + " was added before and comes first)");
            }
            classpath.accept(artifact.file());
            added.add(artifact.fileName());
        }
        try {
            ledger.recordResolution(resolution);
        } catch (IOException e) {
            throw new IOException("added the jars, but could not record them in " + ledger.file()
                    + " (an export will miss them): " + e.getMessage(), e);
        }
        return summary(added, conflicts, resolution.offline());
    }

    private static String summary(List<String> added, List<String> conflicts, boolean offline) {
        StringBuilder text = new StringBuilder(added.isEmpty() ? "nothing new: already on the class path"
                : "added " + added.size() + (added.size() == 1 ? " jar: " : " jars: ") + String.join(", ", added));
        if (offline) {
            text.append(" (offline: from the local repository)");
        }
        if (!conflicts.isEmpty()) {
            text.append("\nwarning: another version is already on the class path for ").append(String.join("; ", conflicts));
        }
        return text.toString();
    }

    /** {@code %mavenRepo ID URL} adds a repository; {@code %mavenRepo} alone lists them. */
    public synchronized String mavenRepo(List<String> args) throws ResolutionException {
        if (args.isEmpty()) {
            return resolver().repositories().stream().map(Repository::toString).collect(Collectors.joining("\n"));
        }
        if (args.size() != 2) {
            throw new IllegalArgumentException("%mavenRepo takes an id and a URL, e.g. %mavenRepo jitpack https://jitpack.io");
        }
        Repository repository = new Repository(args.get(0), args.get(1));
        addedRepositories.add(repository);
        if (resolver != null) {
            resolver = resolver.withRepository(repository);
        }
        return "added repository " + repository;
    }

    /** The hook for {@code %jars} and {@code %classpath}: what is added by path goes in the ledger too. */
    public void recordLocalPath(Path path) {
        try {
            ledger.recordLocalPath(path);
        } catch (IOException e) {
            throw new UncheckedIOException("added " + path + ", but could not record it in " + ledger.file(), e);
        }
    }

    private DependencyResolver resolver() throws ResolutionException {
        if (resolver == null) {
            DependencyResolver built = DependencyResolver.builder().settingsFile(settingsFile)
                    .missingRepositoryHint("add its repository with %mavenRepo ID URL").build();
            for (Repository repository : addedRepositories) {
                built = built.withRepository(repository);
            }
            resolver = built;
        }
        return resolver;
    }
}
