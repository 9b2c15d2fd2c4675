package dev.fahr.notebook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds "the current notebook" of a kernel, trying in order: an explicit path, the
 * {@code JPY_SESSION_NAME} variable (jupyter_server 2+), the sessions of running Jupyter servers
 * (matched by the kernel id in the connection file's name), and finally the cells the kernel executed.
 * Everything it reads from the outside (environment, runtime folder, HTTP) is injectable.
 */
public final class NotebookLocator {

    private static final Pattern CONNECTION_FILE = Pattern.compile("kernel-(.+)\\.json");

    private final Map<String, String> environment;
    private final Path homeDir;
    private final Path workingDir;
    private final Path connectionFile;
    private final SessionsFetcher fetcher;

    private NotebookLocator(Builder builder) {
        this.environment = Map.copyOf(builder.environment);
        this.homeDir = builder.homeDir;
        this.workingDir = builder.workingDir;
        this.connectionFile = builder.connectionFile;
        this.fetcher = builder.fetcher;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param explicitPath    a path the user gave, which wins when present
     * @param executedSources the sources this kernel ran, in order, the last resort
     */
    public LocatedNotebook locate(Optional<Path> explicitPath, List<String> executedSources) {
        if (explicitPath.isPresent()) {
            Path path = workingDir.resolve(explicitPath.get()).normalize();
            if (!Files.isRegularFile(path)) {
                throw new NotebookException("The notebook " + explicitPath.get() + " does not exist (looked for "
                        + path + "). Check the path; relative paths start at " + workingDir + ".");
            }
            return new LocatedNotebook(NotebookSource.EXPLICIT_PATH, Optional.of(path), executedSources,
                    "Using " + path.getFileName() + ", the path you gave.");
        }
        List<String> notes = new ArrayList<>();
        Optional<Path> fromEnvironment = fromSessionName(notes);
        if (fromEnvironment.isPresent()) {
            return new LocatedNotebook(NotebookSource.SESSION_NAME_ENV, fromEnvironment, executedSources,
                    "Using " + fromEnvironment.get().getFileName() + ", the notebook Jupyter named in JPY_SESSION_NAME.");
        }
        Optional<JupyterServerSessions.Found> fromServer = kernelId(notes)
                .flatMap(id -> new JupyterServerSessions(runtimeDir(), fetcher).notebookOf(id, notes));
        if (fromServer.isPresent()) {
            Path path = fromServer.get().notebook();
            if (Files.isRegularFile(path)) {
                return new LocatedNotebook(NotebookSource.SERVER_SESSIONS, Optional.of(path), executedSources,
                        "Using " + path.getFileName() + ", the notebook the Jupyter server at "
                                + fromServer.get().serverUrl() + " runs this kernel for.");
            }
            notes.add("the server named " + path + ", which does not exist");
        }
        if (!executedSources.isEmpty()) {
            return new LocatedNotebook(NotebookSource.KERNEL_HISTORY, Optional.empty(), executedSources,
                    "No saved notebook was found (" + String.join("; ", notes) + "), so the "
                            + executedSources.size() + " cells this kernel ran are used, in the order they ran.");
        }
        throw new NotebookException("Cannot tell which notebook this kernel belongs to: " + String.join("; ", notes)
                + "; and the kernel has run no cells yet. Give the notebook's path, e.g. %fahr_init train.ipynb.");
    }

    private Optional<Path> fromSessionName(List<String> notes) {
        String sessionName = environment.get("JPY_SESSION_NAME");
        if (sessionName == null || sessionName.isBlank()) {
            notes.add("JPY_SESSION_NAME is not set (only jupyter_server 2 and newer set it)");
            return Optional.empty();
        }
        Path path = workingDir.resolve(sessionName).normalize();
        if (!sessionName.endsWith(".ipynb") || !Files.isRegularFile(path)) {
            notes.add("JPY_SESSION_NAME names " + sessionName + ", which is not a notebook file here");
            return Optional.empty();
        }
        return Optional.of(path);
    }

    private Optional<String> kernelId(List<String> notes) {
        if (connectionFile == null) {
            notes.add("no kernel connection file is known, so running Jupyter servers cannot be asked");
            return Optional.empty();
        }
        Matcher match = CONNECTION_FILE.matcher(connectionFile.getFileName().toString());
        if (!match.matches()) {
            notes.add("the connection file " + connectionFile.getFileName() + " is not named kernel-<id>.json");
            return Optional.empty();
        }
        return Optional.of(match.group(1));
    }

    /** Jupyter's own rule: JUPYTER_RUNTIME_DIR, else the data dir's runtime folder. */
    Path runtimeDir() {
        String runtime = environment.get("JUPYTER_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            return Path.of(runtime);
        }
        String data = environment.get("JUPYTER_DATA_DIR");
        if (data != null && !data.isBlank()) {
            return Path.of(data, "runtime");
        }
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")) {
            return homeDir.resolve("Library/Jupyter/runtime");
        }
        String xdg = environment.get("XDG_DATA_HOME");
        Path dataHome = xdg != null && !xdg.isBlank() ? Path.of(xdg) : homeDir.resolve(".local/share");
        return dataHome.resolve("jupyter/runtime");
    }

    public static final class Builder {
        private Map<String, String> environment = System.getenv();
        private Path homeDir = Path.of(System.getProperty("user.home"));
        private Path workingDir = Path.of("").toAbsolutePath();
        private Path connectionFile;
        private SessionsFetcher fetcher = SessionsFetcher.http(Duration.ofSeconds(3));

        private Builder() {
        }

        public Builder environment(Map<String, String> environment) {
            this.environment = Objects.requireNonNull(environment);
            return this;
        }

        public Builder homeDir(Path homeDir) {
            this.homeDir = Objects.requireNonNull(homeDir);
            return this;
        }

        /** The folder relative paths are resolved against; the kernel's working folder by default. */
        public Builder workingDir(Path workingDir) {
            this.workingDir = workingDir.toAbsolutePath();
            return this;
        }

        /** The kernel's connection file ({@code kernel-<id>.json}), which carries the kernel id. */
        public Builder connectionFile(Path connectionFile) {
            this.connectionFile = connectionFile;
            return this;
        }

        public Builder sessionsFetcher(SessionsFetcher fetcher) {
            this.fetcher = Objects.requireNonNull(fetcher);
            return this;
        }

        public NotebookLocator build() {
            return new NotebookLocator(this);
        }
    }
}
