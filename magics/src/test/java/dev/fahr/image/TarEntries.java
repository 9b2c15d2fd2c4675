package dev.fahr.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a tar stream's entries (ustar, PAX and GNU long names): enough to look inside images. */
final class TarEntries {

    private TarEntries() {
    }

    /** Entry name to content, in stream order; folders end with '/' and have no content. */
    static Map<String, byte[]> read(byte[] tar) throws IOException {
        return read(new ByteArrayInputStream(tar));
    }

    static Map<String, byte[]> read(InputStream in) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        String longName = null;
        while (true) {
            byte[] header = in.readNBytes(512);
            if (header.length < 512 || header[0] == 0) {
                return entries;
            }
            String name = field(header, 0, 100);
            String prefix = field(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
            char type = (char) header[156];
            byte[] content = in.readNBytes((int) size);
            in.skipNBytes((512 - size % 512) % 512);
            if (type == 'x' || type == 'L') {
                String text = new String(content, StandardCharsets.UTF_8);
                longName = type == 'L' ? text.replace("\0", "")
                        : text.lines().filter(l -> l.contains(" path=")).map(l -> l.substring(l.indexOf(" path=") + 6))
                        .findFirst().orElse(null);
                continue;
            }
            if (type == 'g') {
                continue;
            }
            if (longName != null) {
                name = longName;
                longName = null;
            }
            if (name.startsWith("./")) {
                name = name.substring(2);
            }
            entries.put(name, content);
        }
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }
}
