package dev.fahr.notebook;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hyperparameter names Java code reads with a literal {@code Fahr.hyperparameter("name", ...)}, so that
 * {@code fit --hp name=...} can tell a name the job will read from a typo that it would silently ignore.
 */
public final class HyperparametersRead {

    private static final Pattern LITERAL_READ =
            Pattern.compile("\\bFahr\\s*\\.\\s*hyperparameter\\s*\\(\\s*\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    private HyperparametersRead() {
    }

    /** The names, in order of first appearance. */
    public static List<String> in(String javaSource) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = LITERAL_READ.matcher(javaSource);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return List.copyOf(names);
    }
}
