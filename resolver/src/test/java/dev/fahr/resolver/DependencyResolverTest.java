package dev.fahr.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.fahr.resolver.testing.TestMavenRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolution against a repository served on 127.0.0.1; never the network, never the user's ~/.m2. */
class DependencyResolverTest {

    @TempDir
    Path temp;

    private TestMavenRepository remote;
    private Path local;
    private Path noSettings;

    @BeforeEach
    void publish() throws IOException {
        remote = new TestMavenRepository(temp.resolve("remote"));
        remote.publish("org.example", "base", "1.0");
        remote.publish("org.example", "base", "1.5");
        remote.publish("org.example", "base", "2.0");
        remote.publish("org.example", "lib", "1.0", "org.example:base:1.5");
        remote.publish("org.example", "app", "1.0", "org.example:lib:1.0");
        remote.publish("org.example", "broken", "1.0", "org.example:missing:1.0");
        remote.start();
        local = temp.resolve("local");
        noSettings = temp.resolve("absent-settings.xml");
    }

    @AfterEach
    void stop() {
        remote.close();
    }

    private DependencyResolver.Builder direct() {
        return DependencyResolver.builder().settingsFile(noSettings).localRepository(local)
                .mavenCentral(false).addRepository("test", remote.url());
    }

    @Test
    void resolvesTransitivelyWithExactVersionsAndChecksums() throws Exception {
        Resolution resolution = direct().build().resolve(List.of(MavenCoordinate.parse("org.example:app:1.0")));

        assertEquals(List.of("org.example:app:1.0", "org.example:lib:1.0", "org.example:base:1.5"),
                resolution.artifacts().stream().map(a -> a.coordinate().toString()).toList());
        for (ResolvedArtifact artifact : resolution.artifacts()) {
            Path published = remote.root().resolve("org/example").resolve(artifact.artifactId())
                    .resolve(artifact.version()).resolve(artifact.fileName());
            assertEquals(TestMavenRepository.hex("SHA-256", Files.readAllBytes(published)), artifact.sha256());
            assertTrue(artifact.file().startsWith(local), artifact.file() + " is in the local repository");
        }
        assertEquals(List.of(MavenCoordinate.parse("org.example:app:1.0")), resolution.requested());
        assertFalse(resolution.offline());
    }

    @Test
    void versionRangeResolvesToTheHighestMatchingVersion() throws Exception {
        Resolution resolution = direct().build().resolve(List.of(MavenCoordinate.parse("org.example:base:[1.0,2.0)")));

        assertEquals("1.5", resolution.artifacts().get(0).version());
        assertEquals("[1.0,2.0)", resolution.requested().get(0).version());
    }

    @Test
    void missingArtifactNamesItTheRepositoryAndTheFix() throws Exception {
        DependencyResolver resolver = direct().missingRepositoryHint("add its repository with %mavenRepo ID URL").build();

        ResolutionException e = assertThrows(ResolutionException.class,
                () -> resolver.resolve(List.of(MavenCoordinate.parse("org.example:nope:9.9"))));

        assertEquals("org.example:nope:9.9 not found in test (" + remote.url() + "); check the coordinates or add its"
                + " repository with %mavenRepo ID URL", e.getMessage());
    }

    @Test
    void missingTransitiveDependencyIsNamedAsSuch() throws Exception {
        ResolutionException e = assertThrows(ResolutionException.class,
                () -> direct().build().resolve(List.of(MavenCoordinate.parse("org.example:broken:1.0"))));

        assertTrue(e.getMessage().startsWith("org.example:missing:1.0 not found in test"), e.getMessage());
        assertTrue(e.getMessage().contains("dependency of what you asked for"), e.getMessage());
    }

    @Test
    void emptyRangeSaysSo() throws Exception {
        ResolutionException e = assertThrows(ResolutionException.class,
                () -> direct().build().resolve(List.of(MavenCoordinate.parse("org.example:base:[5.0,6.0)"))));

        assertTrue(e.getMessage().startsWith("no version of org.example:base matches [5.0,6.0)"), e.getMessage());
    }

    @Test
    void localRepositoryComesFromSettings() throws Exception {
        Path fromSettings = temp.resolve("repo-from-settings");
        Path settings = TestMavenRepository.settings(temp.resolve("settings.xml"),
                "<localRepository>" + fromSettings + "</localRepository>");

        DependencyResolver resolver = DependencyResolver.builder().settingsFile(settings).mavenCentral(false)
                .addRepository("test", remote.url()).build();
        Resolution resolution = resolver.resolve(List.of(MavenCoordinate.parse("org.example:base:1.0")));

        assertEquals(fromSettings, resolver.localRepository());
        assertTrue(resolution.artifacts().get(0).file().startsWith(fromSettings));
    }

    @Test
    void malformedSettingsFailWithTheFileAndLine() throws IOException {
        Path settings = temp.resolve("settings.xml");
        Files.writeString(settings, "<settings><mirrors><mirror></settings>");

        ResolutionException e = assertThrows(ResolutionException.class,
                () -> DependencyResolver.builder().settingsFile(settings).build());

        assertTrue(e.getMessage().contains(settings.toString()) && e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void serverCredentialsFromSettingsAreSent() throws Exception {
        remote.requireCredentials("alice", "s3cret");
        Path settings = TestMavenRepository.settings(temp.resolve("settings.xml"),
                "<servers><server><id>test</id><username>alice</username><password>s3cret</password></server></servers>");

        Resolution resolution = direct().settingsFile(settings).build()
                .resolve(List.of(MavenCoordinate.parse("org.example:lib:1.0")));
        assertEquals(2, resolution.artifacts().size());

        ResolutionException refused = assertThrows(ResolutionException.class, () -> direct().localRepository(temp.resolve("other"))
                .build().resolve(List.of(MavenCoordinate.parse("org.example:lib:1.0"))));
        assertTrue(refused.getMessage().contains("org.example:lib:1.0"), refused.getMessage());
    }

    @Test
    void withRepositoryAddsOneForLaterCallsWithoutChangingTheOriginal() throws Exception {
        DependencyResolver empty = DependencyResolver.builder().settingsFile(noSettings).localRepository(local)
                .mavenCentral(false).build();

        DependencyResolver withTest = empty.withRepository(new Repository("test", remote.url()));

        assertEquals(List.of(), empty.repositories());
        assertEquals(3, withTest.resolve(List.of(MavenCoordinate.parse("org.example:app:1.0"))).artifacts().size());
    }

    /** A port nothing listens on: connections to it are refused at once. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
