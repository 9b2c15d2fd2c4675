package dev.fahr.resolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fahr.files.AtomicFile;

/**
 * An append-only record of every dependency added to a session: what was asked, what it resolved to, and
 * checksums. Rewritten as a whole after every change, atomically (temporary file, then rename), so that a
 * reader in another process never sees half a file.
 */
public final class DependencyLedger {

    /** Bumped when the JSON changes incompatibly, so that readers can tell. */
    public static final int FORMAT = 1;

    /**
     * What the mapper writes for a ledger without entries. A kernel creates its ledger while it starts,
     * before it answers its first request: writing this text spares it starting Jackson (about a second
     * of a 2-core machine) until a dependency is added.
     */
    static final String EMPTY_DOCUMENT = "{\n  \"format\" : " + FORMAT + ",\n  \"entries\" : [ ]\n}";

    /** Created on first use, for the reason above. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
    }

    private final Path file;
    private final List<LedgerEntry> entries = new ArrayList<>();

    private DependencyLedger(Path file) {
        this.file = file.toAbsolutePath();
    }

    /** A new, empty ledger, written to {@code file} right away so that readers find it from the start. */
    public static DependencyLedger create(Path file) throws IOException {
        DependencyLedger ledger = new DependencyLedger(file);
        ledger.write();
        return ledger;
    }

    /** The entries of a ledger file, oldest first. */
    public static List<LedgerEntry> read(Path file) throws IOException {
        Document document = Json.MAPPER.readValue(file.toFile(), Document.class);
        if (document.format() != FORMAT) {
            throw new IOException(file + " is a dependency ledger of format " + document.format()
                    + "; this version reads format " + FORMAT);
        }
        return List.copyOf(document.entries());
    }

    public Path file() {
        return file;
    }

    public synchronized List<LedgerEntry> entries() {
        return List.copyOf(entries);
    }

    public synchronized void recordResolution(Resolution resolution) throws IOException {
        append(LedgerEntry.Maven.of(resolution));
    }

    /** Records a jar (with its SHA-256) or a class folder that was added by path. */
    public synchronized void recordLocalPath(Path path) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        append(new LedgerEntry.LocalPath(absolute, Files.isRegularFile(absolute) ? Sha256.of(absolute) : null));
    }

    private void append(LedgerEntry entry) throws IOException {
        entries.add(entry);
        try {
            write();
        } catch (IOException e) {
            entries.remove(entries.size() - 1);
            throw e;
        }
    }

    private void write() throws IOException {
        if (entries.isEmpty()) {
            AtomicFile.writeString(file, EMPTY_DOCUMENT);
        } else {
            AtomicFile.write(file, out -> Json.MAPPER.writeValue(out, new Document(FORMAT, List.copyOf(entries))));
        }
    }

    /** The file's top level. */
    record Document(int format, List<LedgerEntry> entries) {
    }
}
