package dev.fahr.driver;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a fetch brought back: the archive, the files it extracted (empty with --no-extract), and the executed
 * notebooks of the job, which may be among those files (SageMaker's come in output.tar.gz) or not (the local
 * driver copies them beside the archive).
 */
public record FetchResult(Path archive, List<Path> extracted, List<Path> notebooks) {

    public FetchResult {
        extracted = List.copyOf(extracted);
        notebooks = List.copyOf(notebooks);
    }

    /** Whether a file is an executed notebook, as fahr's runner names them ({@code <name>.executed.ipynb}). */
    public static boolean isExecutedNotebook(Path file) {
        return file.getFileName().toString().endsWith(".executed.ipynb");
    }

    /** Every file the fetch placed, the archive first, each once. */
    public List<Path> files() {
        Set<Path> files = new LinkedHashSet<>();
        files.add(archive);
        files.addAll(extracted);
        files.addAll(notebooks);
        return List.copyOf(files);
    }
}
