package dev.fahr.resolver;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

/** One addition recorded in a {@link DependencyLedger}; in JSON, {@code "kind"} tells which. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LedgerEntry.Maven.class, name = "maven"),
        @JsonSubTypes.Type(value = LedgerEntry.LocalPath.class, name = "local")})
public sealed interface LedgerEntry {

    /**
     * Coordinates resolved from Maven repositories.
     *
     * @param requested as the user wrote them, ranges included
     * @param artifacts what they resolved to, with exact versions and checksums
     */
    record Maven(List<String> requested, List<Repository> repositories, List<ResolvedArtifact> artifacts)
            implements LedgerEntry {
        public Maven {
            requested = List.copyOf(requested);
            repositories = List.copyOf(repositories);
            artifacts = List.copyOf(artifacts);
        }

        static Maven of(Resolution resolution) {
            return new Maven(resolution.requested().stream().map(MavenCoordinate::toString).toList(),
                    resolution.repositories(), resolution.artifacts());
        }
    }

    /**
     * A jar or class folder added by its path.
     *
     * @param sha256 the jar's SHA-256; {@code null} for a folder, which has no single checksum
     */
    record LocalPath(@JsonSerialize(using = ToStringSerializer.class) Path path, String sha256) implements LedgerEntry {
        public LocalPath {
            Objects.requireNonNull(path, "path");
        }
    }
}
