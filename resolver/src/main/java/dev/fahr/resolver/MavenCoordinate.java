package dev.fahr.resolver;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Maven artifact as users write it: {@code g:a:v}, {@code g:a:ext:v} or {@code g:a:ext:classifier:v}.
 * The version may be a range such as {@code [1.0,2.0)}; the resolved version is in {@link ResolvedArtifact}.
 *
 * @param classifier empty when there is none
 */
public record MavenCoordinate(String groupId, String artifactId, String extension, String classifier, String version) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]+");
    // A range is bracketed and may hold commas, so it cannot be split on ':' naively: see parse.
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_.\\-+]+|[\\[(][^:\\s]*[\\])]");

    public MavenCoordinate {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(version, "version");
    }

    public static MavenCoordinate of(String groupId, String artifactId, String version) {
        return new MavenCoordinate(groupId, artifactId, "jar", "", version);
    }

    /** Parses {@code g:a:v}, {@code g:a:ext:v} or {@code g:a:ext:classifier:v}. */
    public static MavenCoordinate parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.contains(",") && !trimmed.contains("[") && !trimmed.contains("(")) {
            throw invalid(trimmed, "a coordinate holds no ',' outside a version range; give several coordinates one by one");
        }
        String[] parts = trimmed.split(":", -1);
        if (parts.length < 3 || parts.length > 5) {
            throw invalid(trimmed, "expected groupId:artifactId:version (e.g. org.apache.commons:commons-math3:3.6.1),"
                    + " groupId:artifactId:extension:version or groupId:artifactId:extension:classifier:version");
        }
        String version = parts[parts.length - 1];
        check(trimmed, "groupId", parts[0]);
        check(trimmed, "artifactId", parts[1]);
        String extension = parts.length >= 4 ? parts[2] : "jar";
        String classifier = parts.length == 5 ? parts[3] : "";
        if (parts.length >= 4) {
            check(trimmed, "extension", extension);
        }
        if (parts.length == 5) {
            check(trimmed, "classifier", classifier);
        }
        if (version.isEmpty()) {
            throw invalid(trimmed, "the version is missing");
        }
        if (!VERSION.matcher(version).matches()) {
            throw invalid(trimmed, "'" + version + "' is not a version or a version range such as [1.0,2.0)");
        }
        return new MavenCoordinate(parts[0], parts[1], extension, classifier, version);
    }

    /**
     * Parses coordinates separated by whitespace or commas, as {@code %maven}, its export and a script's
     * {@code //DEPS} lines write them; a comma inside a version range such as {@code [1.0,2.0)} stays.
     */
    public static java.util.List<MavenCoordinate> parseList(String text) {
        java.util.List<MavenCoordinate> coordinates = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        int rangeDepth = 0;
        for (char c : (text == null ? "" : text).toCharArray()) {
            if (c == '[' || c == '(') {
                rangeDepth++;
            } else if (c == ']' || c == ')') {
                rangeDepth = Math.max(0, rangeDepth - 1);
            }
            if (Character.isWhitespace(c) || (c == ',' && rangeDepth == 0)) {
                if (current.length() > 0) {
                    coordinates.add(parse(current.toString()));
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            coordinates.add(parse(current.toString()));
        }
        return java.util.List.copyOf(coordinates);
    }

    private static void check(String text, String what, String value) {
        if (value.isEmpty()) {
            throw invalid(text, "the " + what + " is empty");
        }
        if (!ID.matcher(value).matches()) {
            throw invalid(text, "the " + what + " '" + value + "' may hold only letters, digits, '.', '-' and '_'");
        }
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("invalid Maven coordinate '" + text + "': " + why);
    }

    /** {@code g:a} — the artifact without its version, as Maven names it in conflicts. */
    public String key() {
        return groupId + ":" + artifactId;
    }

    /** The canonical form: {@code g:a:v}, or with extension and classifier when they differ from a plain jar. */
    @Override
    public String toString() {
        if (!classifier.isEmpty()) {
            return String.join(":", groupId, artifactId, extension, classifier, version);
        }
        if (!extension.equals("jar")) {
            return String.join(":", groupId, artifactId, extension, version);
        }
        return String.join(":", groupId, artifactId, version);
    }
}
