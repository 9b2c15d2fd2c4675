package dev.fahr.driver;

import java.time.Instant;

/** Receives a job's log lines in order; {@code stream} is the source (e.g. a log stream or "stdout"). */
@FunctionalInterface
public interface LogSink {
    void line(Instant time, String stream, String text);
}
