package dev.fahr.image;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code .dockerignore}: one pattern a line, {@code #} comments, {@code !pattern} re-includes, the
 * last matching line wins, as Docker reads it.
 */
final class DockerIgnore {

    private record Rule(PathPattern pattern, boolean exclude) {
    }

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    static DockerIgnore none() {
        return new DockerIgnore(List.of());
    }

    static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            boolean exclude = !trimmed.startsWith("!");
            String pattern = exclude ? trimmed : trimmed.substring(1).strip();
            if (!PathPattern.clean(pattern).isEmpty()) {
                rules.add(new Rule(PathPattern.of(pattern), exclude));
            }
        }
        return new DockerIgnore(rules);
    }

    boolean excludes(String path) {
        boolean excluded = false;
        for (Rule rule : rules) {
            if (rule.pattern().coversPathOrParent(path)) {
                excluded = rule.exclude();
            }
        }
        return excluded;
    }
}
