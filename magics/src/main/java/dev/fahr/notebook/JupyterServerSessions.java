package dev.fahr.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Asks the Jupyter servers that left runtime files ({@code jpserver-*.json} for jupyter_server,
 * {@code nbserver-*.json} for classic Notebook) which notebook a kernel belongs to, through their
 * {@code /api/sessions} endpoint. Stale files of dead servers are common, so failures are noted and
 * the next server is tried.
 */
final class JupyterServerSessions {

    private final Path runtimeDir;
    private final SessionsFetcher fetcher;

    JupyterServerSessions(Path runtimeDir, SessionsFetcher fetcher) {
        this.runtimeDir = runtimeDir;
        this.fetcher = fetcher;
    }

    /**
     * @param notes collects one line per server that could not answer, for the final error message
     * @return the notebook path and the URL of the server that listed it
     */
    Optional<Found> notebookOf(String kernelId, List<String> notes) {
        List<Path> files = runtimeFiles(notes);
        if (files.isEmpty()) {
            notes.add("no Jupyter server runtime files (jpserver-*.json, nbserver-*.json) in " + runtimeDir);
        }
        for (Path file : files) {
            try {
                JsonNode server = JupyterJsonFormat.MAPPER.readTree(Files.readString(file));
                String url = server.path("url").asText("");
                if (url.isEmpty()) {
                    notes.add(file.getFileName() + " names no server URL");
                    continue;
                }
                String base = url.endsWith("/") ? url : url + "/";
                URI sessions = URI.create(base + "api/sessions?token="
                        + URLEncoder.encode(server.path("token").asText(""), StandardCharsets.UTF_8));
                Optional<String> relative = pathOfKernel(JupyterJsonFormat.MAPPER.readTree(fetcher.get(sessions)), kernelId);
                if (relative.isPresent()) {
                    String root = server.path("root_dir").asText(server.path("notebook_dir").asText(""));
                    Path notebook = root.isEmpty() ? Path.of(relative.get()) : Path.of(root).resolve(relative.get());
                    return Optional.of(new Found(notebook.normalize(), base));
                }
                notes.add("the server at " + base + " has no session for kernel " + kernelId);
            } catch (IOException | RuntimeException e) {
                notes.add("the server of " + file.getFileName() + " did not answer (" + e.getMessage() + ")");
            }
        }
        return Optional.empty();
    }

    private List<Path> runtimeFiles(List<String> notes) {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(runtimeDir)) {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(runtimeDir, "{jpserver,nbserver}-*.json")) {
            entries.forEach(files::add);
        } catch (IOException e) {
            notes.add("cannot list " + runtimeDir + " (" + e.getMessage() + ")");
        }
        // The newest file most likely belongs to the server that started this kernel.
        files.sort(Comparator.comparing(JupyterServerSessions::modified).reversed());
        return files;
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static Optional<String> pathOfKernel(JsonNode sessions, String kernelId) {
        for (JsonNode session : sessions) {
            if (kernelId.equals(session.path("kernel").path("id").asText())) {
                // jupyter_server puts the path at the top; classic Notebook 5 and older under "notebook".
                String path = session.path("path").asText(session.path("notebook").path("path").asText(""));
                return path.isEmpty() ? Optional.empty() : Optional.of(path);
            }
        }
        return Optional.empty();
    }

    record Found(Path notebook, String serverUrl) {
    }
}
