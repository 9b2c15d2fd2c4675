package dev.fahr.image;

import dev.fahr.resolver.Sha256;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code .fahr/templates.json} in a job folder: the SHA-256 of each template as fahr last wrote it.
 * A file whose hash differs was edited by the user, and fahr keeps it.
 */
final class TemplateRecord {

    static final String FILE = "templates.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TemplateRecord() {
    }

    static Path location(Path jobFolder) {
        return jobFolder.resolve(BuildContext.BOOKKEEPING_FOLDER).resolve(FILE);
    }

    /** The recorded hashes; empty when fahr never wrote this folder or the record is unreadable. */
    static Map<String, String> read(Path jobFolder) {
        Path file = location(jobFolder);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<TreeMap<String, String>>() { });
        } catch (IOException unreadable) {
            // Without a trustworthy record every existing file counts as edited: the safe side.
            return Map.of();
        }
    }

    static String render(Map<String, String> hashes) throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(new TreeMap<>(hashes)) + "\n";
    }

    static String hash(String text) {
        return Sha256.of(text);
    }
}
