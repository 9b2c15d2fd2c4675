package dev.fahr.notebook;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Maven artifact as written after {@code %maven}: {@code groupId:artifactId:version} or
 * {@code groupId:artifactId:extension[:classifier]:version}, the form Maven Resolver accepts.
 * Only the syntax is checked here; resolving it to jars is the resolver's job.
 */
public record MavenCoordinate(String groupId, String artifactId, String extension, String classifier, String version) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");
    // Versions may be ranges such as [1.0,2.0), so brackets and commas are allowed.
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_.\\-+\\[\\](),]+");
    private static final String EXAMPLE = "org.apache.commons:commons-math3:3.6.1";

    public MavenCoordinate {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(version, "version");
    }

    /** Parses one coordinate; the exception names the text and shows the accepted forms. */
    public static MavenCoordinate parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length < 3 || parts.length > 5) {
            throw malformed(text, "it has " + parts.length + " part" + (parts.length == 1 ? "" : "s")
                    + " separated by ':' where 3 to 5 are expected");
        }
        String version = parts[parts.length - 1];
        String extension = parts.length >= 4 ? parts[2] : "jar";
        String classifier = parts.length == 5 ? parts[3] : "";
        checkPart(text, "groupId", parts[0], NAME);
        checkPart(text, "artifactId", parts[1], NAME);
        checkPart(text, "extension", extension, NAME);
        if (parts.length == 5) {
            checkPart(text, "classifier", classifier, NAME);
        }
        checkPart(text, "version", version, VERSION);
        return new MavenCoordinate(parts[0], parts[1], extension, classifier, version);
    }

    private static void checkPart(String text, String role, String value, Pattern allowed) {
        if (value.isEmpty()) {
            throw malformed(text, "the " + role + " is empty");
        }
        if (!allowed.matcher(value).matches()) {
            throw malformed(text, "the " + role + " '" + value + "' contains characters Maven does not allow");
        }
    }

    private static NotebookException malformed(String text, String reason) {
        return new NotebookException("Malformed Maven coordinate '" + text + "': " + reason + ". Write it as"
                + " groupId:artifactId:version (or groupId:artifactId:extension[:classifier]:version), e.g. "
                + EXAMPLE + ".");
    }

    /** The coordinate in the short form when the extension is the default jar, as users write it. */
    public String toText() {
        if (classifier.isEmpty() && extension.equals("jar")) {
            return groupId + ":" + artifactId + ":" + version;
        }
        return groupId + ":" + artifactId + ":" + extension + (classifier.isEmpty() ? "" : ":" + classifier) + ":" + version;
    }

    @Override
    public String toString() {
        return toText();
    }
}
