package dev.fahr.notebook;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link NotebookLocator#locate}: the notebook file (absent when only the kernel's
 * history is available), which source found it, and a sentence saying so for the user.
 */
public record LocatedNotebook(NotebookSource source, Optional<Path> path, List<String> executedSources, String explanation) {

    public LocatedNotebook {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(explanation, "explanation");
        executedSources = List.copyOf(executedSources);
        if (path.isEmpty() != (source == NotebookSource.KERNEL_HISTORY)) {
            throw new IllegalArgumentException("only a notebook found from history has no path: " + source);
        }
    }
}
