package dev.fahr.notebook;

import static dev.fahr.notebook.NotebookReaderErrorsTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The locator against a real HTTP server that answers /api/sessions like jupyter_server. */
class NotebookLocatorTest {

    private static final String TOKEN = "s3cr3t+token";
    private static final String KERNEL_ID = "5b2c7d9e-1111-2222-3333-444455556666";

    @TempDir
    Path temp;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private Path root;
    private Path runtime;
    private Path notebook;
    private Path connectionFile;

    @BeforeEach
    void startServer() throws IOException {
        root = Files.createDirectories(temp.resolve("home/work"));
        notebook = Files.writeString(Files.createDirectories(root.resolve("models/resnet")).resolve("train.ipynb"), "{}");
        runtime = Files.createDirectories(temp.resolve("runtime"));
        connectionFile = runtime.resolve("kernel-" + KERNEL_ID + ".json");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/lab/api/sessions", exchange -> {
            requests.incrementAndGet();
            boolean authorized = ("token=" + java.net.URLEncoder.encode(TOKEN, StandardCharsets.UTF_8))
                    .equals(exchange.getRequestURI().getRawQuery());
            byte[] body = (authorized ? """
                    [{"id": "s1", "path": "other.ipynb", "type": "notebook", "kernel": {"id": "another-kernel"}},
                     {"id": "s2", "path": "models/resnet/train.ipynb", "name": "train.ipynb", "type": "notebook",
                      "kernel": {"id": "%s", "name": "java"}}]""".formatted(KERNEL_ID) : "{\"message\": \"Forbidden\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(authorized ? 200 : 403, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void writeServerFile(String name, String token, long ageMillis) throws IOException {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/lab/";
        Path file = Files.writeString(runtime.resolve(name), """
                {"base_url": "/lab/", "hostname": "127.0.0.1", "pid": 1, "port": %d, "root_dir": "%s",
                 "secure": false, "token": "%s", "url": "%s", "version": "1.23.4"}"""
                .formatted(server.getAddress().getPort(), root, token, url));
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - ageMillis));
    }

    private void writeStaleServerFile(String name) throws IOException {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        Files.writeString(runtime.resolve(name), """
                {"url": "http://127.0.0.1:%d/", "token": "old", "notebook_dir": "/nowhere"}""".formatted(deadPort));
    }

    private NotebookLocator locator(Map<String, String> environment) {
        return NotebookLocator.builder()
                .environment(environment)
                .homeDir(temp.resolve("home"))
                .workingDir(root)
                .connectionFile(connectionFile)
                .sessionsFetcher(SessionsFetcher.http(Duration.ofSeconds(2)))
                .build();
    }

    @Test
    void findsTheNotebookThroughTheServerSessions() throws IOException {
        writeStaleServerFile("nbserver-999.json");
        writeServerFile("jpserver-123.json", TOKEN, 60_000);

        LocatedNotebook located = locator(Map.of("JUPYTER_RUNTIME_DIR", runtime.toString())).locate(Optional.empty(), List.of());

        assertEquals(NotebookSource.SERVER_SESSIONS, located.source());
        assertEquals(Optional.of(notebook), located.path());
        assertContains(located.explanation(), "train.ipynb", "Jupyter server at http://127.0.0.1:");
        assertEquals(1, requests.get());
    }

    @Test
    void usesTheDefaultRuntimeFolderUnderHome() throws IOException {
        runtime = Files.createDirectories(temp.resolve("home/.local/share/jupyter/runtime"));
        writeServerFile("jpserver-7.json", TOKEN, 0);
        assertEquals(Optional.of(notebook), locator(Map.of()).locate(Optional.empty(), List.of()).path());
    }

    @Test
    void wrongTokenFallsBackToHistory() throws IOException {
        writeServerFile("jpserver-123.json", "wrong", 0);
        LocatedNotebook located = locator(Map.of("JUPYTER_RUNTIME_DIR", runtime.toString()))
                .locate(Optional.empty(), List.of("int a = 1;", "a + 1"));
        assertEquals(NotebookSource.KERNEL_HISTORY, located.source());
        assertEquals(Optional.empty(), located.path());
        assertEquals(List.of("int a = 1;", "a + 1"), located.executedSources());
        assertContains(located.explanation(), "HTTP 403", "2 cells this kernel ran");
        assertEquals(1, requests.get(), "the server was asked");
    }

    @Test
    void explicitPathWinsOverEverything() throws IOException {
        writeServerFile("jpserver-123.json", TOKEN, 0);
        Path other = Files.writeString(root.resolve("explicit.ipynb"), "{}");
        LocatedNotebook located = locator(Map.of("JPY_SESSION_NAME", notebook.toString(),
                "JUPYTER_RUNTIME_DIR", runtime.toString())).locate(Optional.of(Path.of("explicit.ipynb")), List.of());
        assertEquals(NotebookSource.EXPLICIT_PATH, located.source());
        assertEquals(Optional.of(other), located.path());
        assertEquals(0, requests.get());
        assertContains(assertThrows(NotebookException.class,
                () -> locator(Map.of()).locate(Optional.of(Path.of("typo.ipynb")), List.of())).getMessage(),
                "typo.ipynb does not exist", root.resolve("typo.ipynb").toString());
    }

    @Test
    void sessionNameFromJupyterServer2ComesBeforeTheServerApi() throws IOException {
        writeServerFile("jpserver-123.json", TOKEN, 0);
        LocatedNotebook located = locator(Map.of("JPY_SESSION_NAME", notebook.toString(),
                "JUPYTER_RUNTIME_DIR", runtime.toString())).locate(Optional.empty(), List.of());
        assertEquals(NotebookSource.SESSION_NAME_ENV, located.source());
        assertEquals(Optional.of(notebook), located.path());
        assertEquals(0, requests.get());
    }

    @Test
    void nothingFoundAndNoHistoryExplainsWhatWasTried() {
        String message = assertThrows(NotebookException.class,
                () -> locator(Map.of("JUPYTER_RUNTIME_DIR", runtime.toString())).locate(Optional.empty(), List.of())).getMessage();
        assertContains(message, "JPY_SESSION_NAME is not set", "no Jupyter server runtime files", runtime.toString(),
                "%fahr_init train.ipynb");
    }
}
