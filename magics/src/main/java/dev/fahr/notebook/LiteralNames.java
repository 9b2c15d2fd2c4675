package dev.fahr.notebook;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names that code states literally, so that fahr can tell them before a job runs: the hyperparameters Java
 * code reads with {@code Fahr.hyperparameter("name", ...)}, which lets {@code fit --hp} tell a typo from a
 * name the job reads; and the metrics it reports, with {@code Fahr.metric("name", ...)} or a printed
 * {@code fahr-metric name=NAME} line (from Python, say), which SageMaker's MetricDefinitions must list.
 */
public final class LiteralNames {

    private static final Pattern HYPERPARAMETER =
            Pattern.compile("\\bFahr\\s*\\.\\s*hyperparameter\\s*\\(\\s*\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern METRIC_CALL =
            Pattern.compile("\\bFahr\\s*\\.\\s*metric\\s*\\(\\s*\"([A-Za-z0-9_.:/-]{1,255})\"");
    private static final Pattern METRIC_LINE = Pattern.compile("fahr-metric name=([A-Za-z0-9_.:/-]{1,255})");

    private LiteralNames() {
    }

    /** The hyperparameter names, in order of first appearance. */
    public static List<String> hyperparameters(String javaSource) {
        return all(javaSource, HYPERPARAMETER);
    }

    /** The metric names, in order of first appearance. */
    public static List<String> metrics(String source) {
        Set<String> names = new LinkedHashSet<>(all(source, METRIC_CALL));
        names.addAll(all(source, METRIC_LINE));
        return List.copyOf(names);
    }

    private static List<String> all(String source, Pattern pattern) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = pattern.matcher(source);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return List.copyOf(names);
    }
}
