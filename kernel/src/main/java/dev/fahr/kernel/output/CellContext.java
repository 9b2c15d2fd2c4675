package dev.fahr.kernel.output;

import java.nio.charset.StandardCharsets;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;

/**
 * Where output of one cell goes. Bound to the threads that run the cell, and inherited by every thread
 * they start, so output from a background thread reaches the cell that started it, even after the cell
 * has finished. This replaces a global "current kernel": two kernels in one JVM never mix their output.
 */
public final class CellContext {

    private static final InheritableThreadLocal<CellContext> CURRENT = new InheritableThreadLocal<>();

    private final ShellReplyEnvironment env;
    private final Renderer renderer;
    private final StreamBuffer out;
    private final StreamBuffer err;

    public CellContext(ShellReplyEnvironment env, Renderer renderer) {
        this.env = env;
        this.renderer = renderer;
        this.out = new StreamBuffer(text -> publish(new PublishStream(PublishStream.StreamType.OUT, text)));
        this.err = new StreamBuffer(text -> publish(new PublishStream(PublishStream.StreamType.ERR, text)));
    }

    /** The context of the cell this thread works for, or {@code null} for the kernel's own threads. */
    public static CellContext current() {
        return CURRENT.get();
    }

    public void bindToCurrentThread() {
        CURRENT.set(this);
    }

    public static void unbindCurrentThread() {
        CURRENT.remove();
    }

    public Renderer renderer() {
        return renderer;
    }

    StreamBuffer stream(boolean error) {
        return error ? err : out;
    }

    /** Sends what the cell printed but did not end with a newline yet. */
    public void flush() {
        out.flush();
        err.flush();
    }

    public void display(DisplayData data) {
        flush();
        publish(new PublishDisplayData(data));
    }

    public void updateDisplay(DisplayData data) {
        publish(new PublishUpdateDisplayData(data));
    }

    /**
     * Publishes straight on IOPub with this cell's parent header. The reply environment's own publish
     * may be in "defer" mode while the cell finishes; output from other threads must not be held back.
     */
    private <T extends ContentType<T>> void publish(T content) {
        env.getIopub().sendMessage(new Message<>(env.getContext(), content.getType(), content));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
