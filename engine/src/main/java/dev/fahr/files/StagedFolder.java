package dev.fahr.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fills a folder all or nothing: the work writes into a hidden sibling of the target, and only when it
 * finished are its entries moved into the target (each replacing the entry of the same name; other
 * entries of the target are left alone). When the work fails (a cut download, a full disk, a refused
 * archive) the sibling is deleted and the target is as it was; a target that did not exist is not
 * created. The sibling lies on the target's file system, so every move is a rename.
 */
public final class StagedFolder {

    /** What fills the staging folder. */
    @FunctionalInterface
    public interface Work<T> {
        T fill(Path staging) throws IOException;
    }

    private StagedFolder() {
    }

    /**
     * @param purpose a word for the hidden sibling's name ({@code fetching}, {@code extracting}), which a
     *                user may see while the work runs
     * @return what {@code work} returned, with the staging folder's entries now in {@code target}
     */
    public static <T> T fill(Path target, String purpose, Work<T> work) throws IOException {
        Path destination = target.toAbsolutePath().normalize();
        Files.createDirectories(destination.getParent());
        Path staging = Files.createTempDirectory(destination.getParent(),
                "." + destination.getFileName() + "." + purpose + "-");
        try {
            T result = work.fill(staging);
            moveContents(staging, destination);
            return result;
        } finally {
            FileTree.deleteQuietly(staging);
        }
    }

    /** {@code path} under the staging folder, as it is named once moved into {@code target}. */
    public static Path placed(Path staging, Path target, Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path from = staging.toAbsolutePath().normalize();
        return absolute.startsWith(from) ? target.toAbsolutePath().normalize().resolve(from.relativize(absolute)) : path;
    }

    private static void moveContents(Path staging, Path destination) throws IOException {
        if (!Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(staging, destination, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        if (!Files.isDirectory(destination)) {
            throw new IOException(destination + " is a file, not a folder");
        }
        List<Path> children;
        try (Stream<Path> list = Files.list(staging)) {
            children = list.toList();
        }
        for (Path child : children) {
            Path place = destination.resolve(child.getFileName().toString());
            FileTree.delete(place);
            Files.move(child, place, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
