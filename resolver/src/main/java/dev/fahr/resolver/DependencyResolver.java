package dev.fahr.resolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves Maven coordinates with their runtime dependencies, as {@code mvn} would with the same
 * settings.xml. Immutable: {@link #withRepository} returns a new resolver sharing the repository system.
 */
public final class DependencyResolver {

    private final RepositorySystem system;
    private final MavenSettings settings;
    private final Path localRepository;
    private final boolean offline;
    private final List<Repository> repositories;
    private final String missingRepositoryHint;

    private DependencyResolver(RepositorySystem system, MavenSettings settings, Path localRepository, boolean offline,
                               List<Repository> repositories, String missingRepositoryHint) {
        this.system = system;
        this.settings = settings;
        this.localRepository = localRepository;
        this.offline = offline;
        this.repositories = List.copyOf(repositories);
        this.missingRepositoryHint = missingRepositoryHint;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Path localRepository() {
        return localRepository;
    }

    public boolean offline() {
        return offline;
    }

    /** The remote repositories asked, in order, before mirrors are applied. */
    public List<Repository> repositories() {
        return repositories;
    }

    /** This resolver plus one repository; one with the same id is replaced, as a later declaration wins in Maven. */
    public DependencyResolver withRepository(Repository repository) {
        return new DependencyResolver(system, settings, localRepository, offline,
                Builder.merge(repositories, List.of(repository)), missingRepositoryHint);
    }

    /**
     * Resolves the coordinates and their runtime dependencies. Online, when a remote cannot be reached, it
     * retries from the local repository alone, so that cached artifacts resolve without a network.
     */
    public Resolution resolve(List<MavenCoordinate> coordinates) throws ResolutionException {
        if (coordinates.isEmpty()) {
            throw new IllegalArgumentException("nothing to resolve: give at least one groupId:artifactId:version");
        }
        List<RemoteRepository> remotes = new ArrayList<>();
        try {
            return resolve(coordinates, offline, false, remotes);
        } catch (DependencyResolutionException online) {
            FailureMessages messages = new FailureMessages(coordinates, remotes, localRepository, offline, missingRepositoryHint);
            if (!offline && FailureMessages.isNetworkProblem(online)) {
                try {
                    return resolve(coordinates, true, true, new ArrayList<>());
                } catch (DependencyResolutionException cached) {
                    throw messages.translate(online);
                }
            }
            throw messages.translate(online);
        }
    }

    /**
     * @param anyOrigin accept any file in the local repository, whichever remote it came from: Resolver's
     *                  default local repository only counts an artifact as present for the remote that provided it
     */
    private Resolution resolve(List<MavenCoordinate> coordinates, boolean offlineNow, boolean anyOrigin,
                               List<RemoteRepository> effectiveRemotes) throws DependencyResolutionException {
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        // POMs may activate profiles on java.version or os.name; Maven passes the system properties for that.
        session.setSystemProperties(System.getProperties());
        session.setOffline(offlineNow);
        session.setMirrorSelector(settings.mirrorSelector());
        session.setProxySelector(settings.proxySelector());
        session.setAuthenticationSelector(settings.authenticationSelector());
        LocalRepository local = new LocalRepository(localRepository.toFile(), anyOrigin ? "simple" : "");
        session.setLocalRepositoryManager(system.newLocalRepositoryManager(session, local));
        session.setReadOnly();

        effectiveRemotes.addAll(system.newResolutionRepositories(session, remoteRepositories()));
        CollectRequest collect = new CollectRequest();
        for (MavenCoordinate c : coordinates) {
            Artifact artifact = new DefaultArtifact(c.groupId(), c.artifactId(), c.classifier(), c.extension(), c.version());
            collect.addDependency(new Dependency(artifact, JavaScopes.RUNTIME));
        }
        collect.setRepositories(effectiveRemotes);
        DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        List<ResolvedArtifact> artifacts = new ArrayList<>();
        for (ArtifactResult result : system.resolveDependencies(session, request).getArtifactResults()) {
            artifacts.add(toResolved(result.getArtifact()));
        }
        return new Resolution(coordinates, repositories, artifacts, offlineNow);
    }

    private List<RemoteRepository> remoteRepositories() {
        List<RemoteRepository> remotes = new ArrayList<>();
        for (Repository repository : repositories) {
            RemoteRepository.Builder builder = new RemoteRepository.Builder(repository.id(), "default", repository.url());
            if (repository.equals(Repository.MAVEN_CENTRAL)) {
                // As in Maven's super POM: Central publishes no snapshots, so never ask it for any.
                builder.setSnapshotPolicy(new RepositoryPolicy(false, RepositoryPolicy.UPDATE_POLICY_DAILY,
                        RepositoryPolicy.CHECKSUM_POLICY_WARN));
            }
            remotes.add(builder.build());
        }
        return remotes;
    }

    private static ResolvedArtifact toResolved(Artifact artifact) {
        Path file = artifact.getFile().toPath();
        try {
            return new ResolvedArtifact(artifact.getGroupId(), artifact.getArtifactId(), artifact.getVersion(),
                    artifact.getExtension(), artifact.getClassifier(), file, Sha256.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " that was just resolved", e);
        }
    }

    /** Configures a {@link DependencyResolver}; every setting has Maven's default. */
    public static final class Builder {
        private Path settingsFile = Path.of(System.getProperty("user.home"), ".m2", "settings.xml");
        private Path globalSettingsFile;
        private Path localRepository;
        private boolean offline;
        private boolean mavenCentral = true;
        private final List<Repository> repositories = new ArrayList<>();
        private String missingRepositoryHint = "add its repository";

        private Builder() {
        }

        /** The user settings.xml; default {@code ~/.m2/settings.xml}. A file that does not exist means no settings. */
        public Builder settingsFile(Path file) {
            this.settingsFile = file;
            return this;
        }

        /** The global settings ({@code $MAVEN_HOME/conf/settings.xml}), merged under the user's; default none. */
        public Builder globalSettingsFile(Path file) {
            this.globalSettingsFile = file;
            return this;
        }

        /** Overrides settings.xml's {@code <localRepository>} and the default {@code ~/.m2/repository}. */
        public Builder localRepository(Path directory) {
            this.localRepository = directory;
            return this;
        }

        /** Never contact a remote; also on when settings.xml says {@code <offline>true</offline>}. */
        public Builder offline(boolean offline) {
            this.offline = offline;
            return this;
        }

        /** Whether Maven Central comes first in the repositories, as it does in Maven's super POM; default yes. */
        public Builder mavenCentral(boolean include) {
            this.mavenCentral = include;
            return this;
        }

        public Builder addRepository(Repository repository) {
            repositories.add(repository);
            return this;
        }

        public Builder addRepository(String id, String url) {
            return addRepository(new Repository(id, url));
        }

        /** The end of a "not found" message, telling the user how to add a repository in their tool. */
        public Builder missingRepositoryHint(String hint) {
            this.missingRepositoryHint = hint;
            return this;
        }

        /** Reads settings.xml now; fails if it is malformed. */
        public DependencyResolver build() throws ResolutionException {
            MavenSettings settings = MavenSettings.read(settingsFile, globalSettingsFile);
            Path local = localRepository != null ? localRepository
                    : settings.localRepository() != null ? settings.localRepository()
                    : Path.of(System.getProperty("user.home"), ".m2", "repository");
            List<Repository> all = new ArrayList<>();
            if (mavenCentral) {
                all.add(Repository.MAVEN_CENTRAL);
            }
            all = merge(merge(all, settings.profileRepositories()), repositories);
            return new DependencyResolver(new RepositorySystemSupplier().get(), settings, local.toAbsolutePath(),
                    offline || settings.offline(), all, missingRepositoryHint);
        }

        static List<Repository> merge(List<Repository> first, List<Repository> then) {
            Map<String, Repository> byId = new LinkedHashMap<>();
            first.forEach(r -> byId.put(r.id(), r));
            then.forEach(r -> byId.put(r.id(), r));
            return List.copyOf(byId.values());
        }
    }
}
