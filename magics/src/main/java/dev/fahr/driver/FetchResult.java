package dev.fahr.driver;

import java.nio.file.Path;
import java.util.List;

/** What a fetch brought back: the archive, and the files it extracted (empty with --no-extract). */
public record FetchResult(Path archive, List<Path> extracted) {

    public FetchResult {
        extracted = List.copyOf(extracted);
    }
}
