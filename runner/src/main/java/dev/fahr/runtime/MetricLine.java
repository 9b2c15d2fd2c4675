package dev.fahr.runtime;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one line a metric takes in a job's output, stable and documented, so that anything that can print
 * can report a metric, and SageMaker's MetricDefinitions can find it:
 * <pre>
 * fahr-metric name=loss value=0.2431 step=3
 * </pre>
 * The step may be left out (the reader then counts each name's steps from 0). Values are Java's or
 * Python's float text: {@code 0.25}, {@code 1e-4}, {@code 1.0E-4}, {@code NaN}, {@code Infinity},
 * {@code -inf}. Names are 1 to 255 letters, digits and {@code _ . : / -}.
 */
public final class MetricLine {

    public static final String PREFIX = "fahr-metric ";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:/-]{1,255}");
    private static final Pattern LINE = Pattern.compile(
            "fahr-metric name=([A-Za-z0-9_.:/-]{1,255}) value=(\\S+)(?: step=(\\d{1,18}))?\\s*");

    private MetricLine() {
    }

    /** The line for one value, as {@code Fahr.metric} prints it. */
    public static String format(String name, double value, long step) {
        checkName(name);
        return PREFIX + "name=" + name + " value=" + value + " step=" + step;
    }

    /**
     * Reads a line of a job's output. Empty for a line that is no metric; a line that starts like one but is
     * malformed is {@link Parsed#malformed()}, to be counted and ignored, never to fail anything.
     */
    public static Optional<Parsed> parse(String line) {
        String text = line.strip();
        if (!text.startsWith(PREFIX.strip())) {
            return Optional.empty();
        }
        Matcher m = LINE.matcher(text);
        if (!m.matches()) {
            return Optional.of(Parsed.MALFORMED);
        }
        Optional<Double> value = value(m.group(2));
        if (value.isEmpty()) {
            return Optional.of(Parsed.MALFORMED);
        }
        return Optional.of(new Parsed(m.group(1), value.get(),
                m.group(3) == null ? Optional.empty() : Optional.of(Long.parseLong(m.group(3))), false));
    }

    /**
     * A regular expression whose first group is the value of metric {@code name} in such a line, as
     * SageMaker's MetricDefinitions take one.
     */
    public static String regexFor(String name) {
        checkName(name);
        return "fahr-metric name=" + name.replace(".", "\\.") + " value=(\\S+)";
    }

    /** @throws IllegalArgumentException naming what a metric name may hold */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("metric name \"" + name + "\" is not valid: use 1 to 255 letters,"
                    + " digits and _ . : / - (e.g. \"loss\" or \"val/accuracy\")");
        }
        return name;
    }

    private static Optional<Double> value(String text) {
        switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "nan":
                return Optional.of(Double.NaN);
            case "inf", "+inf", "infinity", "+infinity":
                return Optional.of(Double.POSITIVE_INFINITY);
            case "-inf", "-infinity":
                return Optional.of(Double.NEGATIVE_INFINITY);
            default:
                break;
        }
        try {
            return Optional.of(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * A line read: a metric's name, value and step if the line gave one; or a malformed metric line.
     *
     * @param malformed whether the line looked like a metric line but was not one
     */
    public record Parsed(String name, double value, Optional<Long> step, boolean malformed) {

        static final Parsed MALFORMED = new Parsed("", Double.NaN, Optional.empty(), true);
    }
}
