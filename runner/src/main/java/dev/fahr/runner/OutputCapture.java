package dev.fahr.runner;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces {@code System.out} and {@code System.err} for the snippets, which run in this process:
 * every write goes straight to the real file descriptor, unbuffered, so that {@code docker logs}
 * shows progress as it happens, and is also recorded for the executed notebook's current cell, with
 * what the cell displays.
 */
final class OutputCapture {

    // A training loop can print without end; the log keeps everything, the notebook copy keeps this much.
    private static final int MAX_RECORDED_BYTES_PER_CELL = 4 * 1024 * 1024;
    private static final String TRUNCATED_NOTE =
            "\n[fahr] output truncated in the executed notebook; the job's log has all of it\n";

    private final Object lock = new Object();
    private final List<CellOutput> finished = new ArrayList<>();
    private final ByteArrayOutputStream segment = new ByteArrayOutputStream();
    private String segmentStream;
    private int recordedBytes;
    private boolean truncated;

    /** The runner's own messages: unbuffered standard error, not recorded in the notebook. */
    static PrintStream console() {
        return new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    }

    /** Routes {@code System.out} and {@code System.err} through this capture. */
    void install() {
        System.setOut(tee("stdout", new FileOutputStream(FileDescriptor.out)));
        System.setErr(tee("stderr", new FileOutputStream(FileDescriptor.err)));
    }

    /** Returns what was printed since the last call, in order, and starts recording afresh. */
    List<CellOutput> takeRecorded() {
        synchronized (lock) {
            List<CellOutput> recorded = recordedSoFar();
            finished.clear();
            segment.reset();
            segmentStream = null;
            recordedBytes = 0;
            truncated = false;
            return recorded;
        }
    }

    /** What was printed since the last {@link #takeRecorded()}, leaving it recorded. */
    List<CellOutput> recordedSoFar() {
        synchronized (lock) {
            List<CellOutput> recorded = new ArrayList<>(finished);
            if (segmentStream != null) {
                recorded.add(new CellOutput.Stream(segmentStream, segment.toString(StandardCharsets.UTF_8)));
            }
            return recorded;
        }
    }

    /** A display, in its place among what the cell printed. */
    void recordDisplay(CellOutput.Display display) {
        synchronized (lock) {
            if (segmentStream != null) {
                finished.add(new CellOutput.Stream(segmentStream, segment.toString(StandardCharsets.UTF_8)));
                segment.reset();
                segmentStream = null;
            }
            finished.add(display);
        }
    }

    private PrintStream tee(String streamName, OutputStream terminal) {
        OutputStream recording = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                synchronized (lock) {
                    record(streamName, bytes, offset, length);
                    terminal.write(bytes, offset, length);
                }
            }
        };
        return new PrintStream(recording, true, StandardCharsets.UTF_8);
    }

    private void record(String streamName, byte[] bytes, int offset, int length) {
        if (truncated) {
            return;
        }
        if (!streamName.equals(segmentStream)) {
            if (segmentStream != null) {
                finished.add(new CellOutput.Stream(segmentStream, segment.toString(StandardCharsets.UTF_8)));
            }
            segment.reset();
            segmentStream = streamName;
        }
        int room = MAX_RECORDED_BYTES_PER_CELL - recordedBytes;
        segment.write(bytes, offset, Math.min(length, room));
        recordedBytes += Math.min(length, room);
        if (length > room) {
            truncated = true;
            segment.writeBytes(TRUNCATED_NOTE.getBytes(StandardCharsets.UTF_8));
        }
    }
}
