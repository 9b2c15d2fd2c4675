package dev.fahr.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One file or folder of a build context (folders have no content).
 *
 * @param path  context-relative, with '/'
 * @param mode  the permission bits the image gets (0644, 0755)
 * @param file  where it lies on disk; empty for what fahr adds itself (the runner jar)
 */
record ContextEntry(String path, boolean directory, int mode, long size, Optional<Path> file, Content content) {

    @FunctionalInterface
    interface Content {
        InputStream open() throws IOException;
    }
}
