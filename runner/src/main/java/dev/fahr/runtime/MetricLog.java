package dev.fahr.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metrics of one run, read from its output lines (see {@link MetricLine}) or recorded call by call: a
 * series per name, in order. A value without a step gets its name's next step, counted from 0. Malformed
 * metric lines are counted and otherwise ignored. Thread-safe.
 */
public final class MetricLog {

    private final Map<String, List<MetricPoint>> series = new LinkedHashMap<>();
    private final Map<String, Long> nextStep = new HashMap<>();
    private int malformed;

    /** Reads every metric line of {@code file}; a missing file is a run without metrics. */
    public static MetricLog read(Path file) throws IOException {
        MetricLog log = new MetricLog();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                log.accept(line);
            }
        } catch (NoSuchFileException missing) {
            // no metrics yet
        }
        return log;
    }

    /** Takes one line of output: a metric line adds its value, a malformed one is counted, others are ignored. */
    public void accept(String line) {
        MetricLine.parse(line).ifPresent(parsed -> {
            if (parsed.malformed()) {
                synchronized (this) {
                    malformed++;
                }
            } else {
                add(parsed.name(), parsed.value(), parsed.step());
            }
        });
    }

    /** Adds a value; without a step, the name's next one. Returns the point added. */
    public synchronized MetricPoint add(String name, double value, Optional<Long> step) {
        long at = step.orElseGet(() -> nextStep.getOrDefault(name, 0L));
        nextStep.put(name, Math.max(nextStep.getOrDefault(name, 0L), at + 1));
        MetricPoint point = new MetricPoint(name, at, value);
        series.computeIfAbsent(name, n -> new ArrayList<>()).add(point);
        return point;
    }

    /** Each name's values in the order they came. */
    public synchronized Map<String, List<MetricPoint>> series() {
        Map<String, List<MetricPoint>> copy = new LinkedHashMap<>();
        series.forEach((name, points) -> copy.put(name, List.copyOf(points)));
        return Collections.unmodifiableMap(copy);
    }

    /** Each name's latest value, the last one reported. */
    public synchronized Map<String, Double> latest() {
        Map<String, Double> latest = new LinkedHashMap<>();
        series.forEach((name, points) -> latest.put(name, points.get(points.size() - 1).value()));
        return Collections.unmodifiableMap(latest);
    }

    /** How many lines looked like metric lines but were not. */
    public synchronized int malformed() {
        return malformed;
    }
}
