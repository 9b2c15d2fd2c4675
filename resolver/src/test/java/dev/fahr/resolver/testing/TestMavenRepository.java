package dev.fahr.resolver.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Maven repository made on disk by a test (POMs, jars, SHA-1 files, maven-metadata.xml) and served over
 * HTTP on 127.0.0.1. It also answers proxy requests ({@code GET http://host/path}), recording the absolute
 * URIs it was asked for, so that a test can prove a proxy setting was used.
 */
public final class TestMavenRepository implements AutoCloseable {

    /** A request the server answered: the request line's target as sent, and the status given. */
    public record Request(String method, String target, int status) {
    }

    private final Path root;
    private final Map<String, TreeSet<String>> versions = new TreeMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private volatile String requiredAuthorization;

    public TestMavenRepository(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Publishes g:a:v whose jar holds one text resource, with the given dependencies ({@code g:a:v} each). */
    public Path publish(String groupId, String artifactId, String version, String... dependencies) {
        return publishJar(groupId, artifactId, version, Map.of("META-INF/" + artifactId + ".txt",
                (groupId + ":" + artifactId + ":" + version).getBytes(StandardCharsets.UTF_8)), dependencies);
    }

    /** Publishes g:a:v whose jar holds one class compiled from {@code source}. */
    public Path publishClass(String groupId, String artifactId, String version, String className, String source,
                             String... dependencies) {
        return publishJar(groupId, artifactId, version, compile(className, source), dependencies);
    }

    private Path publishJar(String groupId, String artifactId, String version, Map<String, byte[]> entries,
                            String... dependencies) {
        try {
            Path dir = root.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version);
            Files.createDirectories(dir);
            Path jar = dir.resolve(artifactId + "-" + version + ".jar");
            writeWithSha1(jar, jarBytes(entries));
            writeWithSha1(dir.resolve(artifactId + "-" + version + ".pom"),
                    pom(groupId, artifactId, version, dependencies).getBytes(StandardCharsets.UTF_8));
            versions.computeIfAbsent(groupId + ":" + artifactId, k -> new TreeSet<>()).add(version);
            writeMetadata(groupId, artifactId);
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        if (server == null) {
            throw new IllegalStateException("call start() first");
        }
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public TestMavenRepository start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
        return this;
    }

    /** From now on, answer 401 unless the request carries these HTTP Basic credentials. */
    public TestMavenRepository requireCredentials(String user, String password) {
        requiredAuthorization = "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String required = requiredAuthorization;
            if (required != null && !required.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), 401));
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            Path file = root.resolve(path.substring(1)).normalize();
            boolean found = file.startsWith(root) && Files.isRegularFile(file);
            int status = found ? 200 : 404;
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), status));
            if (!found) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = Files.readAllBytes(file);
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private void writeMetadata(String groupId, String artifactId) throws IOException {
        TreeSet<String> all = versions.get(groupId + ":" + artifactId);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata>\n")
                .append("  <groupId>").append(groupId).append("</groupId>\n")
                .append("  <artifactId>").append(artifactId).append("</artifactId>\n")
                .append("  <versioning>\n    <release>").append(all.last()).append("</release>\n    <versions>\n");
        for (String v : all) {
            xml.append("      <version>").append(v).append("</version>\n");
        }
        xml.append("    </versions>\n    <lastUpdated>20240101000000</lastUpdated>\n  </versioning>\n</metadata>\n");
        writeWithSha1(root.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve("maven-metadata.xml"),
                xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String pom(String groupId, String artifactId, String version, String... dependencies) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n  <modelVersion>4.0.0</modelVersion>\n")
                .append("  <groupId>").append(groupId).append("</groupId>\n")
                .append("  <artifactId>").append(artifactId).append("</artifactId>\n")
                .append("  <version>").append(version).append("</version>\n  <dependencies>\n");
        for (String dependency : dependencies) {
            String[] gav = dependency.split(":");
            xml.append("    <dependency><groupId>").append(gav[0]).append("</groupId><artifactId>").append(gav[1])
                    .append("</artifactId><version>").append(gav[2]).append("</version></dependency>\n");
        }
        return xml.append("  </dependencies>\n</project>\n").toString();
    }

    private static byte[] jarBytes(Map<String, byte[]> entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, byte[]> e : new TreeMap<>(entries).entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static Map<String, byte[]> compile(String className, String source) {
        try {
            Path work = Files.createTempDirectory("fahr-test-compile");
            Path file = work.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
            Files.writeString(file, source);
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            int status = compiler.run(null, null, null, "--release", "17", "-d", work.resolve("out").toString(), file.toString());
            if (status != 0) {
                throw new IllegalArgumentException("test source did not compile: " + className);
            }
            Map<String, byte[]> classes = new TreeMap<>();
            Path out = work.resolve("out");
            List<Path> files = new ArrayList<>();
            try (var walk = Files.walk(out)) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
            for (Path f : files) {
                classes.put(out.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeWithSha1(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Files.writeString(file.resolveSibling(file.getFileName() + ".sha1"), hex("SHA-1", content));
    }

    /** Lower-case hex digest, to compare with what the resolver reports. */
    public static String hex(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A settings.xml with the given XML inside {@code <settings>}, e.g. mirrors or proxies. */
    public static Path settings(Path file, String body) throws IOException {
        Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<settings xmlns=\"http://maven.apache.org/SETTINGS/1.0.0\">\n" + body + "\n</settings>\n");
        return file;
    }
}
