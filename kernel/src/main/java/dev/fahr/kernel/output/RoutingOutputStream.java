package dev.fahr.kernel.output;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Installed once as {@code System.out} or {@code System.err}: every write goes to the cell that the
 * writing thread works for, or to the kernel's original stream when it works for none. Swapping
 * System.out per cell, as the base kernel does, would lose the output of background threads.
 */
public final class RoutingOutputStream extends OutputStream {

    private final PrintStream fallback;
    private final boolean error;
    private final Set<CellContext> written = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    private RoutingOutputStream(PrintStream fallback, boolean error) {
        this.fallback = fallback;
        this.error = error;
    }

    /** Replaces System.out and System.err; returns the flusher that sends partial lines. */
    public static PartialLineFlusher install() {
        RoutingOutputStream out = new RoutingOutputStream(System.out, false);
        RoutingOutputStream err = new RoutingOutputStream(System.err, true);
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        return new PartialLineFlusher(out, err);
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        CellContext context = CellContext.current();
        if (context == null) {
            fallback.write(bytes, offset, length);
            return;
        }
        context.stream(error).write(bytes, offset, length);
        written.add(context);
    }

    @Override
    public void flush() {
        CellContext context = CellContext.current();
        if (context == null) {
            fallback.flush();
        }
        // A cell's own flush() calls are too frequent to send each; the flusher sends partial lines.
    }

    void flushPartialLines() {
        CellContext[] contexts;
        synchronized (written) {
            contexts = written.toArray(new CellContext[0]);
            written.clear();
        }
        for (CellContext context : contexts) {
            context.stream(error).flush();
        }
    }
}
