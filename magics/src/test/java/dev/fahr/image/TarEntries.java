package dev.fahr.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads a tar stream's entries with commons-compress (ustar, PAX and GNU long names): enough to look inside images. */
final class TarEntries {

    private TarEntries() {
    }

    /** Entry name to content, in stream order; folders end with '/' and have no content. */
    static Map<String, byte[]> read(byte[] tar) throws IOException {
        return read(new ByteArrayInputStream(tar));
    }

    static Map<String, byte[]> read(InputStream in) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        // Not closed: the stream is the caller's.
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
            entries.put(entry.getName(), entry.isDirectory() ? new byte[0] : tar.readAllBytes());
        }
        return entries;
    }
}
