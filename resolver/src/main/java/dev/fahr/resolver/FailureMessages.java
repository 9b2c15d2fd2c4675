package dev.fahr.resolver;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.collection.DependencyCollectionException;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.VersionRangeResolutionException;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.ArtifactTransferException;

/**
 * Turns Maven Resolver's nested exceptions into one sentence naming the artifact and the fix. Resolver
 * reports a failure several levels deep (dependency, collection, descriptor, artifact, transfer); the most
 * specific of those is the one the user can act on.
 */
final class FailureMessages {

    private final Set<String> requestedKeys;
    private final List<RemoteRepository> remotes;
    private final Path localRepository;
    private final boolean offline;
    private final String missingRepositoryHint;

    FailureMessages(List<MavenCoordinate> requested, List<RemoteRepository> remotes, Path localRepository,
                    boolean offline, String missingRepositoryHint) {
        this.requestedKeys = requested.stream().map(MavenCoordinate::key).collect(Collectors.toSet());
        this.remotes = remotes;
        this.localRepository = localRepository;
        this.offline = offline;
        this.missingRepositoryHint = missingRepositoryHint;
    }

    ResolutionException translate(DependencyResolutionException failure) {
        List<Throwable> all = causes(failure);
        for (Throwable t : all) {
            if (t instanceof VersionRangeResolutionException range && range.getResult() != null) {
                Artifact a = range.getResult().getRequest().getArtifact();
                return new ResolutionException("no version of " + a.getGroupId() + ":" + a.getArtifactId() + " matches "
                        + a.getVersion() + " in " + where() + "; check the range or " + missingRepositoryHint, failure);
            }
        }
        for (Throwable t : all) {
            if (t instanceof ArtifactNotFoundException missing) {
                return new ResolutionException(notFound(missing.getArtifact(), missing.isFromCache()), failure);
            }
        }
        for (Throwable t : all) {
            if (t instanceof ArtifactTransferException transfer) {
                return new ResolutionException("could not download " + name(transfer.getArtifact()) + " from "
                        + describe(transfer.getRepository()) + ": " + rootMessage(transfer)
                        + "; check the network and the proxies and credentials in settings.xml", failure);
            }
        }
        return new ResolutionException("could not resolve: " + rootMessage(failure), failure);
    }

    private String notFound(Artifact artifact, boolean fromCache) {
        if (offline) {
            return name(artifact) + " is not in the local repository " + localRepository
                    + " and resolution is offline; resolve it once online (settings.xml <offline>false</offline>)";
        }
        String whose = requestedKeys.contains(artifact.getGroupId() + ":" + artifact.getArtifactId())
                ? "check the coordinates or " : "it is a dependency of what you asked for; ";
        String cached = fromCache ? " (remembered from an earlier attempt: Maven retries it after a day,"
                + " or when its *.lastUpdated file in " + localRepository + " is deleted)" : "";
        return name(artifact) + " not found in " + where() + cached + "; " + whose + missingRepositoryHint;
    }

    /** Whether the remotes could not be reached at all, as opposed to answering "no such artifact". */
    static boolean isNetworkProblem(DependencyResolutionException failure) {
        for (Throwable t : causes(failure)) {
            if (t instanceof SocketException || t instanceof UnknownHostException || t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private String where() {
        return remotes.isEmpty() ? "no repository" : remotes.stream().map(FailureMessages::describe).collect(Collectors.joining(", "));
    }

    private static String describe(RemoteRepository repository) {
        if (repository == null) {
            return "the local repository";
        }
        String text = repository.getId() + " (" + repository.getUrl() + ")";
        if (!repository.getMirroredRepositories().isEmpty()) {
            text += " mirroring " + repository.getMirroredRepositories().stream().map(RemoteRepository::getId)
                    .collect(Collectors.joining(", "));
        }
        return text;
    }

    private static String name(Artifact a) {
        StringBuilder text = new StringBuilder(a.getGroupId()).append(':').append(a.getArtifactId());
        if (!a.getClassifier().isEmpty()) {
            text.append(':').append(a.getExtension()).append(':').append(a.getClassifier());
        } else if (!a.getExtension().equals("jar")) {
            text.append(':').append(a.getExtension());
        }
        return text.append(':').append(a.getVersion()).toString();
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    /** Every exception involved, breadth first: causes and the per-artifact and collection results. */
    private static List<Throwable> causes(Throwable top) {
        List<Throwable> out = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        List<Throwable> queue = new ArrayList<>(List.of(top));
        while (!queue.isEmpty()) {
            Throwable t = queue.remove(0);
            if (t == null || seen.put(t, Boolean.TRUE) != null) {
                continue;
            }
            out.add(t);
            queue.add(t.getCause());
            if (t instanceof DependencyResolutionException d && d.getResult() != null) {
                queue.addAll(d.getResult().getCollectExceptions());
                d.getResult().getArtifactResults().forEach(r -> queue.addAll(r.getExceptions()));
            } else if (t instanceof DependencyCollectionException c && c.getResult() != null) {
                queue.addAll(c.getResult().getExceptions());
            } else if (t instanceof ArtifactResolutionException a) {
                for (ArtifactResult r : a.getResults()) {
                    queue.addAll(r.getExceptions());
                }
            }
        }
        return out;
    }
}
