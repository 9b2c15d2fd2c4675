package dev.fahr.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a POSIX tar stream, the format Docker's build API takes. Owner root and a fixed time stamp,
 * so the same files always give the same bytes; names longer than ustar allows go in a PAX header.
 */
final class TarWriter implements AutoCloseable {

    private static final int BLOCK = 512;
    private static final long FIXED_MTIME = 0L;

    private final OutputStream out;

    TarWriter(OutputStream out) {
        this.out = out;
    }

    void directory(String path, int mode) throws IOException {
        String name = path.endsWith("/") ? path : path + "/";
        header(name, mode, 0, '5');
    }

    void file(String path, int mode, long size, InputStream content) throws IOException {
        header(path, mode, size, '0');
        long copied = content.transferTo(out);
        if (copied != size) {
            throw new IOException(path + " changed while the build context was written (" + size + " bytes expected, "
                    + copied + " read)");
        }
        pad(size);
    }

    @Override
    public void close() throws IOException {
        out.write(new byte[BLOCK * 2]);
        out.flush();
    }

    private void header(String name, int mode, long size, char type) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100) {
            byte[] record = paxRecord("path", name);
            writeHeader("PaxHeaders/" + Math.abs(name.hashCode()), 0644, record.length, 'x');
            out.write(record);
            pad(record.length);
        }
        writeHeader(name, mode, size, type);
    }

    private void writeHeader(String name, int mode, long size, char type) throws IOException {
        byte[] header = new byte[BLOCK];
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(nameBytes, 0, header, 0, Math.min(100, nameBytes.length));
        octal(header, 100, 8, mode);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, size);
        octal(header, 136, 12, FIXED_MTIME);
        header[156] = (byte) type;
        ascii(header, 257, "ustar\0");
        ascii(header, 263, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long checksum = 0;
        for (byte b : header) {
            checksum += b & 0xff;
        }
        octal(header, 148, 7, checksum);
        header[155] = ' ';
        out.write(header);
    }

    // "<length> path=<value>\n", where the length counts itself.
    private static byte[] paxRecord(String key, String value) {
        byte[] body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8);
        int length = body.length + 1;
        while (String.valueOf(length).length() + body.length != length) {
            length = String.valueOf(length).length() + body.length;
        }
        return (length + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    private void pad(long size) throws IOException {
        int remainder = (int) (size % BLOCK);
        if (remainder != 0) {
            out.write(new byte[BLOCK - remainder]);
        }
    }

    private static void octal(byte[] header, int offset, int width, long value) {
        String digits = Long.toOctalString(value);
        if (digits.length() > width - 1) {
            throw new IllegalArgumentException("value too large for a tar header field: " + value);
        }
        String padded = "0".repeat(width - 1 - digits.length()) + digits;
        ascii(header, offset, padded + "\0");
    }

    private static void ascii(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
