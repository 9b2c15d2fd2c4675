package dev.fahr.notebook;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads .ipynb files of nbformat 4.0 to 4.5. Every problem becomes one {@link NotebookException} whose
 * message names the file, the problem and the fix; reading never writes anything.
 */
public final class NotebookReader {

    /** Notebooks above this are almost always bloated by outputs; parsing them would stall the kernel. */
    public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;

    private static final int BINARY_SNIFF_BYTES = 8192;

    private final long maxBytes;

    public NotebookReader() {
        this(DEFAULT_MAX_BYTES);
    }

    public NotebookReader(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public Notebook read(Path file) {
        checkReadableFile(file);
        return parse(decode(readBytes(file), file), file.toString());
    }

    /** Parses notebook JSON held in memory; {@code origin} names it in error messages. */
    public Notebook parse(String json, String origin) {
        JsonNode tree;
        try {
            tree = JupyterJsonFormat.MAPPER.readTree(json.startsWith("\uFEFF") ? json.substring(1) : json);
        } catch (JsonEOFException e) {
            throw new NotebookException(origin + " is cut off: its JSON ends early " + where(e.getLocation())
                    + ", probably from an interrupted save or a full disk. Restore it from .ipynb_checkpoints/"
                    + " or version control.", e);
        } catch (JsonProcessingException e) {
            throw new NotebookException(origin + " is not valid JSON " + where(e.getLocation()) + ": "
                    + e.getOriginalMessage() + ". Fix it in a text editor or restore it from .ipynb_checkpoints/.", e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new NotebookException(origin + " is empty. Restore it from .ipynb_checkpoints/ or version"
                    + " control, or delete it and create the notebook again.");
        }
        return NotebookJsonMapping.fromTree(tree, origin);
    }

    private void checkReadableFile(Path file) {
        if (!Files.exists(file)) {
            throw new NotebookException("Cannot read notebook " + file + ": there is no such file. Check the path"
                    + " (relative paths start at " + Path.of("").toAbsolutePath() + "), or save the notebook first.");
        }
        if (Files.isDirectory(file)) {
            throw new NotebookException("Cannot read notebook " + file + ": it is a folder. Give the path of the"
                    + " .ipynb file inside it.");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        if (size > maxBytes) {
            throw new NotebookException("Notebook " + file + " is " + megabytes(size) + ", more than the "
                    + megabytes(maxBytes) + " fahr reads. Large notebooks are usually large outputs: clear them"
                    + " (`jupyter nbconvert --clear-output --inplace " + file + "`) or raise the size limit.");
        }
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static String decode(byte[] bytes, Path file) {
        for (int i = 0; i < Math.min(bytes.length, BINARY_SNIFF_BYTES); i++) {
            if (bytes[i] == 0) {
                throw binary(file, "it contains NUL bytes");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw binary(file, "it is not UTF-8 text");
        }
    }

    private static NotebookException binary(Path file, String evidence) {
        return new NotebookException("Notebook " + file + " is a binary file (" + evidence + "), but a notebook"
                + " is JSON text. Check that you gave the .ipynb file and not an archive or image.");
    }

    private static NotebookException unreadable(Path file, IOException e) {
        String fix = e instanceof AccessDeniedException
                ? "Check the file's permissions (it must be readable by this user)."
                : e instanceof NoSuchFileException ? "Check the path." : "Check the path and the file system.";
        return new NotebookException("Cannot read notebook " + file + ": " + NotebookWriter.describe(e) + ". " + fix, e);
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : "at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
