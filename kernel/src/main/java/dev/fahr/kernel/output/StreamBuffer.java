package dev.fahr.kernel.output;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Collects one cell's stdout or stderr and sends it line by line as it is written, so output streams
 * into the cell while it runs. A partial line is sent by {@link #flush()}, which the kernel's flusher
 * calls a few times a second and once when the cell ends.
 */
final class StreamBuffer {

    private static final int MAX_PENDING = 16 * 1024;

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final Consumer<String> sink;

    StreamBuffer(Consumer<String> sink) {
        this.sink = sink;
    }

    synchronized void write(byte[] bytes, int offset, int length) {
        pending.write(bytes, offset, length);
        boolean newline = false;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                newline = true;
                break;
            }
        }
        if (newline || pending.size() > MAX_PENDING) {
            sendWholeLines();
        }
    }

    private void sendWholeLines() {
        byte[] bytes = pending.toByteArray();
        int lastNewline = -1;
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                lastNewline = i;
                break;
            }
        }
        int cut = pending.size() > MAX_PENDING && lastNewline < 0 ? bytes.length : lastNewline + 1;
        if (cut <= 0) {
            return;
        }
        sink.accept(new String(bytes, 0, cut, StandardCharsets.UTF_8));
        pending.reset();
        pending.write(bytes, cut, bytes.length - cut);
    }

    synchronized void flush() {
        if (pending.size() > 0) {
            String text = pending.toString(StandardCharsets.UTF_8);
            pending.reset();
            sink.accept(text);
        }
    }

    synchronized boolean hasPending() {
        return pending.size() > 0;
    }
}
