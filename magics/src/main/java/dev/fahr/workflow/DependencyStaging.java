package dev.fahr.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.fahr.notebook.DependencyDirectives;
import dev.fahr.notebook.MavenRepository;
import dev.fahr.resolver.DependencyLedger;
import dev.fahr.resolver.DependencyResolver;
import dev.fahr.resolver.LedgerEntry;
import dev.fahr.resolver.MavenCoordinate;
import dev.fahr.resolver.ResolutionException;
import dev.fahr.resolver.ResolvedArtifact;
import dev.fahr.resolver.Sha256;

/**
 * Puts the exact jars a notebook uses into the job's {@code lib/} and writes {@code dependencies.json}
 * (coordinates, resolved versions, SHA-256). In a kernel, the kernel's ledger says exactly what its
 * {@code %maven} and {@code %jars} loaded; elsewhere the notebook's directives are resolved afresh.
 */
final class DependencyStaging {

    static final String MANIFEST = "dependencies.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A jar to ship and what it is. */
    record Jar(Path file, String fileName, String sha256, String coordinate) {
    }

    private final Map<String, String> environment;

    DependencyStaging(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The jars to ship: from the kernel's ledger when there is one, else resolved from the directives. */
    List<Jar> collect(DependencyDirectives directives, Path notebookFolder, Optional<Path> ledger) {
        try {
            if (ledger.isPresent() && Files.isRegularFile(ledger.get())) {
                List<LedgerEntry> entries = DependencyLedger.read(ledger.get());
                if (!entries.isEmpty()) {
                    return fromLedger(entries);
                }
            }
            List<Jar> jars = new ArrayList<>(resolve(directives));
            jars.addAll(localJars(directives.jars(), notebookFolder));
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kernel's dependency ledger " + ledger.orElse(null), e);
        }
    }

    private static List<Jar> fromLedger(List<LedgerEntry> entries) throws IOException {
        Map<String, Jar> jars = new LinkedHashMap<>();
        for (LedgerEntry entry : entries) {
            if (entry instanceof LedgerEntry.Maven maven) {
                for (ResolvedArtifact a : maven.artifacts()) {
                    jars.putIfAbsent(a.fileName(), new Jar(a.file(), a.fileName(), a.sha256(), a.coordinate().toString()));
                }
            } else if (entry instanceof LedgerEntry.LocalPath local && local.sha256() != null) {
                String name = local.path().getFileName().toString();
                jars.putIfAbsent(name, new Jar(local.path(), name, local.sha256(), ""));
            }
        }
        return List.copyOf(jars.values());
    }

    private List<Jar> resolve(DependencyDirectives directives) {
        if (directives.coordinates().isEmpty()) {
            return List.of();
        }
        try {
            DependencyResolver.Builder builder = DependencyResolver.builder();
            String settings = environment.get("FAHR_MAVEN_SETTINGS");
            if (settings != null && !settings.isBlank()) {
                builder.settingsFile(Path.of(settings));
            }
            for (MavenRepository repository : directives.repositories()) {
                builder.addRepository(repository.id(), repository.url().toString());
            }
            List<MavenCoordinate> coordinates = directives.coordinates();
            List<Jar> jars = new ArrayList<>();
            for (ResolvedArtifact a : builder.build().resolve(coordinates).artifacts()) {
                jars.add(new Jar(a.file(), a.fileName(), a.sha256(), a.coordinate().toString()));
            }
            return jars;
        } catch (ResolutionException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static List<Jar> localJars(List<String> patterns, Path notebookFolder) throws IOException {
        List<Jar> jars = new ArrayList<>();
        for (String pattern : patterns) {
            List<Path> matches = glob(notebookFolder, pattern);
            if (matches.isEmpty()) {
                throw new IllegalArgumentException("%jars " + pattern + " matches no file beside the notebook ("
                        + notebookFolder + ")");
            }
            for (Path jar : matches) {
                jars.add(new Jar(jar, jar.getFileName().toString(), Sha256.of(jar), ""));
            }
        }
        return jars;
    }

    private static List<Path> glob(Path base, String pattern) throws IOException {
        Path direct = base.resolve(pattern).normalize();
        if (!pattern.matches(".*[*?\\[].*")) {
            return Files.isRegularFile(direct) ? List.of(direct) : List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + direct);
        try (Stream<Path> files = Files.walk(base)) {
            return files.filter(Files::isRegularFile).map(Path::normalize).filter(matcher::matches).sorted().toList();
        }
    }

    /** Copies the jars into {@code lib} (which must be new and empty) and writes the manifest beside it. */
    static void write(List<Jar> jars, Path lib, Path manifest) throws IOException {
        Files.createDirectories(lib);
        ObjectNode root = JSON.createObjectNode();
        root.put("format", 1);
        ArrayNode list = root.putArray("jars");
        for (Jar jar : jars) {
            if (!Files.isRegularFile(jar.file())) {
                throw new IllegalArgumentException("the jar " + jar.file() + " is gone; run the %maven or %jars cell again");
            }
            String actual = Sha256.of(jar.file());
            if (!actual.equals(jar.sha256())) {
                throw new IllegalArgumentException("the jar " + jar.file() + " changed after the kernel loaded it "
                        + "(SHA-256 differs); restart the kernel or run the %maven/%jars cell again");
            }
            Files.copy(jar.file(), lib.resolve(jar.fileName()), StandardCopyOption.REPLACE_EXISTING);
            ObjectNode node = list.addObject();
            node.put("file", "lib/" + jar.fileName());
            if (!jar.coordinate().isEmpty()) {
                node.put("coordinate", jar.coordinate());
            }
            node.put("sha256", jar.sha256());
        }
        Files.write(manifest, JSON.writeValueAsBytes(root));
    }
}
