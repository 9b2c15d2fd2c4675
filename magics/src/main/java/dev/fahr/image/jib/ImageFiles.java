package dev.fahr.image.jib;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;

import dev.fahr.files.FileTree;
import dev.fahr.files.AtomicFile;
import dev.fahr.image.ImageBuildException;
import dev.fahr.image.ImagePlan;
import dev.fahr.image.ImageSettingException;

/**
 * {@code COPY --from=IMAGE /path /dest} without a Docker engine: the folder is taken from the image's layers,
 * read from its registry (bottom to top, deletions applied), kept under the cache by the image's config digest,
 * and added as a layer of its own files. This is how a JDK gets onto the CUDA base of fahr's default GPU image:
 * the same files as Docker's multi-stage copy, and the same digest on every build.
 */
final class ImageFiles {

    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    private final RegistryLogins logins;
    private final Path cache;

    ImageFiles(RegistryLogins logins, Path cache) {
        this.logins = logins;
        this.cache = cache;
    }

    FileEntriesLayer layer(ImagePlan.Copy copy) {
        if (copy.sources().size() != 1) {
            throw new ImageSettingException("the Dockerfile's COPY --from on line " + copy.line() + " copies "
                    + copy.sources().size() + " paths; a daemonless build takes one folder or file from an image");
        }
        String image = copy.fromImage().orElseThrow();
        String path = copy.sources().get(0).replaceAll("^/+", "").replaceAll("/+$", "");
        RegistryReader reader = RegistryReader.open(image, logins);
        Path extracted = cache.resolve(reader.configDigest().replace("sha256:", "").substring(0, 16))
                .resolve(path.replace('/', '_'));
        if (!Files.isRegularFile(extracted.resolveSibling(extracted.getFileName() + ".complete"))) {
            extract(reader, image, path, extracted);
        }
        return layerOf(extracted, copy.destination(), path.substring(path.lastIndexOf('/') + 1));
    }

    private void extract(RegistryReader reader, String image, String path, Path extracted) {
        try {
            Files.createDirectories(extracted.getParent());
            Path staging = Files.createTempDirectory(extracted.getParent(), ".extracting-");
            try {
                List<Path[]> links = new ArrayList<>();
                for (RegistryReader.Layer layer : reader.layers()) {
                    applyLayer(reader, layer, path, staging, links);
                }
                resolveLinks(links);
                if (isEmpty(staging)) {
                    throw new ImageSettingException("image " + image + " has no /" + path + " to copy");
                }
                FileTree.delete(extracted);
                Files.move(staging, extracted, StandardCopyOption.ATOMIC_MOVE);
                AtomicFile.writeString(extracted.resolveSibling(extracted.getFileName() + ".complete"), image + "\n");
            } finally {
                FileTree.delete(staging);
            }
        } catch (IOException e) {
            throw new ImageBuildException("cannot keep /" + path + " of " + image + " under " + cache + ": "
                    + e.getMessage(), e);
        }
    }

    /** One layer's entries under {@code path}, as an overlay file system applies them. */
    private static void applyLayer(RegistryReader reader, RegistryReader.Layer layer, String path, Path into,
                                   List<Path[]> links) throws IOException {
        PipedInputStream in = new PipedInputStream(1 << 16);
        PipedOutputStream out = new PipedOutputStream(in);
        CompletableFuture<Void> download = CompletableFuture.runAsync(() -> {
            try (OutputStream pipe = out) {
                reader.blob(layer.digest(), pipe);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try (InputStream buffered = new BufferedInputStream(in);
             TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(buffered))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                String name = entry.getName().replaceAll("^\\./", "").replaceAll("^/+", "").replaceAll("/+$", "");
                if (!name.equals(path) && !name.startsWith(path + "/")) {
                    continue;
                }
                String relative = name.length() == path.length() ? "" : name.substring(path.length() + 1);
                apply(tar, entry, path, relative, into, links);
            }
            in.transferTo(OutputStream.nullOutputStream()); // let the download finish
        }
        download.join();
    }

    private static InputStream decompressed(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b ? new GzipCompressorInputStream(in) : in;
    }

    private static void apply(TarArchiveInputStream tar, TarArchiveEntry entry, String path, String relative, Path into,
                              List<Path[]> links) throws IOException {
        Path target = relative.isEmpty() ? into : into.resolve(relative).normalize();
        if (!target.startsWith(into)) {
            return; // "../" out of the folder: never written
        }
        String file = target.getFileName().toString();
        if (file.equals(OPAQUE)) {
            FileTree.delete(target.getParent());
            Files.createDirectories(target.getParent());
            return;
        }
        if (file.startsWith(WHITEOUT)) {
            FileTree.delete(target.resolveSibling(file.substring(WHITEOUT.length())));
            return;
        }
        if (entry.isDirectory()) {
            Files.createDirectories(target);
            setMode(target, entry.getMode());
        } else if (entry.isSymbolicLink() || entry.isLink()) {
            // Resolved once every layer is in: a link may come before the file it names.
            String name = entry.getLinkName();
            Path linked;
            if (entry.isLink() || name.startsWith("/")) {
                String inImage = name.replaceAll("^\\./", "").replaceAll("^/+", "");
                linked = inImage.equals(path) || inImage.startsWith(path + "/")
                        ? into.resolve(inImage.substring(Math.min(inImage.length(), path.length() + 1))).normalize() : null;
            } else {
                linked = target.getParent().resolve(name).normalize();
            }
            if (linked != null && linked.startsWith(into)) {
                Files.deleteIfExists(target);
                links.add(new Path[] {target, linked});
            }
        } else if (entry.isFile()) {
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(target);
            Files.copy(tar, target);
            setMode(target, entry.getMode());
        }
    }

    /** Links become copies of the files they name: a layer of plain files. A link to a link is followed. */
    private static void resolveLinks(List<Path[]> links) throws IOException {
        List<Path[]> pending = new ArrayList<>(links);
        for (int round = 0; round < 8 && !pending.isEmpty(); round++) {
            List<Path[]> next = new ArrayList<>();
            for (Path[] link : pending) {
                if (Files.isRegularFile(link[1])) {
                    Files.createDirectories(link[0].getParent());
                    Files.copy(link[1], link[0], StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                } else {
                    next.add(link);
                }
            }
            if (next.size() == pending.size()) {
                break; // links to folders or to nothing: left out
            }
            pending = next;
        }
    }

    private static FileEntriesLayer layerOf(Path folder, String destination, String name) {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        String root = destination.length() > 1 && destination.endsWith("/")
                ? destination.substring(0, destination.length() - 1) : destination;
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                String relative = folder.relativize(file).toString().replace('\\', '/');
                String target = relative.isEmpty() ? root : root + "/" + relative;
                layer.addEntry(file, AbsoluteUnixPath.get(target),
                        FilePermissions.fromPosixFilePermissions(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)),
                        FileEntriesLayer.DEFAULT_MODIFICATION_TIME);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder + ": " + e.getMessage(), e);
        }
        return layer.build();
    }

    private static void setMode(Path path, int mode) throws IOException {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] all = PosixFilePermission.values();
        for (int bit = 0; bit < 9; bit++) {
            if ((mode & (0400 >> bit)) != 0) {
                permissions.add(all[bit]);
            }
        }
        // The owner can always read and write what fahr keeps in its cache; the image gets the image's mode.
        permissions.add(PosixFilePermission.OWNER_READ);
        permissions.add(PosixFilePermission.OWNER_WRITE);
        if (Files.isDirectory(path)) {
            permissions.add(PosixFilePermission.OWNER_EXECUTE);
        }
        Files.setPosixFilePermissions(path, permissions);
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.findAny().isEmpty();
        }
    }
}
