package dev.fahr.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.fahr.files.AtomicFile;

/**
 * What a COPY of the build context puts where, by Docker's rules: a folder source copies its contents, a
 * file goes into a destination folder under its own name or becomes the destination file, a pattern
 * copies each match. For builders that add files one by one (Jib); the Docker engine does this itself.
 */
public final class CopySources {

    /**
     * One file or folder to put into the image.
     *
     * @param source    a file on disk to read it from (a folder for a folder)
     * @param target    the absolute path in the image
     */
    public record Placed(Path source, String target, boolean directory, int mode) {
    }

    private final List<ContextEntry> entries;
    private final Path cache;

    /** @param cache where files that are not on disk (the runner jar) are written once, by content */
    public CopySources(BuildContext context, Path cache) {
        this.entries = context.entries();
        this.cache = cache;
    }

    /** @throws ImageSettingException for a source the context does not hold */
    public List<Placed> place(ImagePlan.Copy copy) {
        Map<String, Placed> placed = new LinkedHashMap<>();
        for (String source : copy.sources()) {
            String clean = PathPattern.clean(source);
            List<ContextEntry> matched = clean.isEmpty() ? List.of() : matches(clean);
            if (clean.isEmpty()) {
                // "COPY . /app/": the whole context, folders as they are.
                for (ContextEntry entry : entries) {
                    put(placed, entry, join(copy.destination(), entry.path()));
                }
                continue;
            }
            if (matched.isEmpty()) {
                throw new ImageSettingException("the Dockerfile's COPY on line " + copy.line() + " names " + source
                        + ", which is not in the job folder (or .dockerignore leaves it out)");
            }
            for (ContextEntry entry : matched) {
                if (entry.directory()) {
                    String prefix = entry.path() + "/";
                    for (ContextEntry inside : entries) {
                        if (inside.path().startsWith(prefix)) {
                            put(placed, inside, join(copy.destination(), inside.path().substring(prefix.length())));
                        }
                    }
                    put(placed, entry, stripSlash(copy.destination()));
                } else {
                    String name = entry.path().substring(entry.path().lastIndexOf('/') + 1);
                    put(placed, entry, copy.intoFolder() || matched.size() > 1 || clean.contains("*")
                            ? join(copy.destination(), name) : copy.destination());
                }
            }
        }
        return new ArrayList<>(placed.values());
    }

    private List<ContextEntry> matches(String clean) {
        boolean pattern = clean.contains("*") || clean.contains("?") || clean.contains("[");
        List<ContextEntry> found = new ArrayList<>();
        PathPattern matcher = pattern ? PathPattern.of(clean) : null;
        for (ContextEntry entry : entries) {
            boolean hit = pattern ? matcher.matches(entry.path()) : entry.path().equals(clean);
            if (hit) {
                found.add(entry);
            }
        }
        return found;
    }

    private void put(Map<String, Placed> placed, ContextEntry entry, String target) {
        placed.put(target, new Placed(entry.directory() ? emptyFolder() : file(entry), target, entry.directory(),
                entry.mode()));
    }

    /** A folder that stays empty and unchanged: the source of folder entries (Jib's layer cache keys on it). */
    private Path emptyFolder() {
        Path folder = cache.resolve("empty-folder");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + folder + ": " + e.getMessage(), e);
        }
        return folder;
    }

    /** The entry's file, or (for the runner jar) a file of the same bytes kept under the cache by content. */
    private Path file(ContextEntry entry) {
        if (entry.file().isPresent()) {
            return entry.file().get();
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(entry.content().open(), sha)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            String name = entry.path().substring(entry.path().lastIndexOf('/') + 1);
            Path kept = cache.resolve(HexFormat.of().formatHex(sha.digest()).substring(0, 16) + "-" + name);
            if (!Files.isRegularFile(kept)) {
                // Written once and kept, so its time stamp, and Jib's layer cache for it, stay the same.
                AtomicFile.write(kept, out -> {
                    try (InputStream in = entry.content().open()) {
                        in.transferTo(out);
                    }
                });
            }
            return kept;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep " + entry.path() + " in " + cache + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static String join(String folder, String relative) {
        return stripSlash(folder) + "/" + relative;
    }

    private static String stripSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
