package dev.fahr.resolver;

import java.nio.file.Path;
import java.util.Objects;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

/**
 * One file that resolution produced.
 *
 * @param version the exact version that was resolved, never a range
 * @param classifier empty when there is none
 * @param file the file in the local repository
 * @param sha256 lower-case hex SHA-256 of {@code file}, as it was when it was resolved
 */
public record ResolvedArtifact(String groupId, String artifactId, String version, String extension, String classifier,
                               @JsonSerialize(using = ToStringSerializer.class) Path file, String sha256) {

    public ResolvedArtifact {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
    }

    public MavenCoordinate coordinate() {
        return new MavenCoordinate(groupId, artifactId, extension, classifier, version);
    }

    public String fileName() {
        return file.getFileName().toString();
    }
}
