package dev.fahr.runtime;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Where {@code Fahr.metric} puts a value: always into this process's {@link MetricLog}; in a job also onto
 * the process's stdout as a {@link MetricLine} and into the job's metrics file, which the local driver reads
 * while the job runs and which output.tar.gz keeps. The line goes to the real stdout, past the runner's
 * capture: the job's log (and SageMaker) see it, the executed notebook's cell shows what it shows in the
 * notebook, where a metric prints nothing.
 */
final class MetricsRecorder {

    private final MetricLog log = new MetricLog();
    private final Optional<Path> file;
    private PrintStream stdout;

    /** @param file the job's metrics file; empty in the notebook */
    MetricsRecorder(Optional<Path> file) {
        this.file = file;
    }

    MetricLog log() {
        return log;
    }

    void record(String name, double value, Optional<Long> step) {
        MetricLine.checkName(name);
        MetricPoint point = log.add(name, value, step);
        if (file.isEmpty()) {
            return;
        }
        String line = MetricLine.format(point.name(), point.value(), point.step());
        try {
            synchronized (this) {
                if (stdout == null) {
                    stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
                }
                stdout.println(line);
                Files.createDirectories(file.get().getParent());
                Files.writeString(file.get(), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            // The line on stdout still carries it (SageMaker reads that); the job must not fail for a metric.
            System.err.println("[fahr] cannot append to " + file.get() + ": " + e.getMessage());
        }
    }
}
