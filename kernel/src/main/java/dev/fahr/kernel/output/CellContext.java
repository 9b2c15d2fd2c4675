package dev.fahr.kernel.output;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.fahr.display.DisplaySink;
import dev.fahr.display.Rendering;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;

/**
 * Where output of one cell goes: what it prints, and, as its {@link DisplaySink}, what it displays. Bound
 * to the threads that run the cell, and inherited by every thread they start, so output from a background
 * thread reaches the cell that started it, even after the cell has finished. This replaces a global
 * "current kernel": two kernels in one JVM never mix their output.
 */
public final class CellContext implements DisplaySink {

    private static final InheritableThreadLocal<CellContext> CURRENT = new InheritableThreadLocal<>();

    private final ShellReplyEnvironment env;
    private final StreamBuffer out;
    private final StreamBuffer err;

    public CellContext(ShellReplyEnvironment env) {
        this.env = env;
        this.out = new StreamBuffer(text -> publish(new PublishStream(PublishStream.StreamType.OUT, text)));
        this.err = new StreamBuffer(text -> publish(new PublishStream(PublishStream.StreamType.ERR, text)));
    }

    /** The context of the cell this thread works for, or {@code null} for the kernel's own threads. */
    public static CellContext current() {
        return CURRENT.get();
    }

    /** Makes this cell where this thread's output and displays go, and those of the threads it starts. */
    public void bindToCurrentThread() {
        CURRENT.set(this);
        DisplaySink.bindToCurrentThread(this);
    }

    public static void unbindCurrentThread() {
        CURRENT.remove();
        DisplaySink.unbindCurrentThread();
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

    @Override
    public void show(String displayId, Rendering rendering) {
        DisplayData data = toDisplayData(rendering);
        data.setDisplayId(displayId);
        display(data);
    }

    @Override
    public void update(String displayId, Rendering rendering) {
        DisplayData data = toDisplayData(rendering);
        data.setDisplayId(displayId);
        updateDisplay(data);
    }

    /** A rendering as the base library's display data, for Jupyter's messages. */
    public static DisplayData toDisplayData(Rendering rendering) {
        DisplayData data = new DisplayData();
        for (Map.Entry<String, String> entry : rendering.data().entrySet()) {
            data.putData(entry.getKey(), entry.getValue());
        }
        return data;
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
