package dev.fahr.resolver;

import java.util.List;

/**
 * What one call to {@link DependencyResolver#resolve} asked for and got.
 *
 * @param requested the coordinates as asked, ranges included
 * @param repositories the remote repositories that were configured (before mirrors)
 * @param artifacts every resolved file, the requested ones and their runtime dependencies, in resolution order
 * @param offline whether no remote was consulted: offline mode, or a fallback to the local repository because
 *                the remotes were unreachable
 */
public record Resolution(List<MavenCoordinate> requested, List<Repository> repositories,
                         List<ResolvedArtifact> artifacts, boolean offline) {

    public Resolution {
        requested = List.copyOf(requested);
        repositories = List.copyOf(repositories);
        artifacts = List.copyOf(artifacts);
    }
}
