package dev.fahr.driver.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

import dev.fahr.driver.DriverException;
import dev.fahr.driver.LogRequest;
import dev.fahr.driver.LogSink;

/**
 * A job's container output as the project's own log lines: stdout and stderr with the engine's
 * timestamps, whole lines only (the engine may split a long line across frames).
 */
final class LocalLogs {

    private final LocalEngine engine;

    LocalLogs(LocalEngine engine) {
        this.engine = engine;
    }

    /** Delivers the lines to {@code sink}; with {@code request.follow()}, returns when the container ends. */
    void deliver(String containerName, LogRequest request, LogSink sink) {
        if (engine.inspect(containerName).isEmpty()) {
            throw new DriverException("no local job named " + containerName + " in the Docker engine at "
                    + engine.host() + " (see status)");
        }
        LogContainerCmd command = engine.client().logContainerCmd(containerName)
                .withStdOut(true)
                .withStdErr(true)
                .withTimestamps(true)
                .withFollowStream(request.follow());
        if (request.tail().isPresent()) {
            command.withTail(request.tail().getAsInt());
        } else {
            command.withTailAll();
        }
        LineCollector lines = new LineCollector(sink);
        try {
            engine.call(() -> command.exec(lines));
            engine.call(() -> {
                try {
                    return lines.awaitCompletion();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return lines;
                }
            });
        } finally {
            closeQuietly(lines);
            lines.flush();
        }
    }

    private static void closeQuietly(LineCollector lines) {
        try {
            lines.close();
        } catch (IOException e) {
            // The stream is over either way.
        }
    }

    /** Reassembles lines per stream and hands each one, timestamp split off, to the sink. */
    private static final class LineCollector extends ResultCallback.Adapter<Frame> {
        private final LogSink sink;
        private final Map<StreamType, ByteArrayOutputStream> partial = new EnumMap<>(StreamType.class);

        LineCollector(LogSink sink) {
            this.sink = sink;
        }

        @Override
        public synchronized void onNext(Frame frame) {
            ByteArrayOutputStream buffer = partial.computeIfAbsent(frame.getStreamType(), s -> new ByteArrayOutputStream());
            for (byte b : frame.getPayload()) {
                if (b == '\n') {
                    emit(frame.getStreamType(), buffer);
                } else {
                    buffer.write(b);
                }
            }
        }

        synchronized void flush() {
            partial.forEach((stream, buffer) -> {
                if (buffer.size() > 0) {
                    emit(stream, buffer);
                }
            });
        }

        private void emit(StreamType stream, ByteArrayOutputStream buffer) {
            String line = buffer.toString(StandardCharsets.UTF_8);
            buffer.reset();
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            Instant time = Instant.now();
            int space = line.indexOf(' ');
            if (space > 0) {
                try {
                    time = Instant.parse(line.substring(0, space));
                    line = line.substring(space + 1);
                } catch (DateTimeParseException e) {
                    // No timestamp in front: keep the whole line, stamped now.
                }
            }
            sink.line(time, stream == StreamType.STDERR ? "stderr" : "stdout", line);
        }
    }
}
