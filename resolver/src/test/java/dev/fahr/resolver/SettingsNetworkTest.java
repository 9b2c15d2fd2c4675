package dev.fahr.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.fahr.resolver.testing.TestMavenRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mirrors, proxies and offline mode, each proven by a repository that cannot be reached directly. */
class SettingsNetworkTest {

    private static final List<MavenCoordinate> APP = List.of(MavenCoordinate.parse("org.example:app:1.0"));

    @TempDir
    Path temp;

    private TestMavenRepository remote;
    private String deadUrl;

    @BeforeEach
    void publish() throws IOException {
        remote = new TestMavenRepository(temp.resolve("remote"));
        remote.publish("org.example", "base", "1.5");
        remote.publish("org.example", "lib", "1.0", "org.example:base:1.5");
        remote.publish("org.example", "app", "1.0", "org.example:lib:1.0");
        remote.start();
        deadUrl = "http://127.0.0.1:" + DependencyResolverTest.closedPort() + "/";
    }

    @AfterEach
    void stop() {
        remote.close();
    }

    private DependencyResolver.Builder deadRepositoryWith(String settingsBody) throws IOException {
        Path settings = TestMavenRepository.settings(temp.resolve("settings.xml"), settingsBody);
        return DependencyResolver.builder().settingsFile(settings).localRepository(temp.resolve("local"))
                .mavenCentral(false).addRepository("dead", deadUrl);
    }

    @ParameterizedTest(name = "mirrorOf {0} -> mirrored: {1}")
    @CsvSource(delimiter = ';', value = {"*;true", "dead;true", "other,dead;true", "*,!dead;false", "external:*;false"})
    void mirrorOfPatternsAreMatchedAsMavenDoes(String mirrorOf, boolean mirrored) throws Exception {
        DependencyResolver resolver = deadRepositoryWith("<mirrors><mirror><id>all</id><url>" + remote.url()
                + "</url><mirrorOf>" + mirrorOf + "</mirrorOf></mirror></mirrors>").build();

        if (mirrored) {
            assertEquals(3, resolver.resolve(APP).artifacts().size());
            assertTrue(remote.requests().stream().anyMatch(r -> r.target().equals("/org/example/app/1.0/app-1.0.jar")));
        } else {
            // external:* leaves 127.0.0.1 alone, as Maven does for localhost.
            ResolutionException e = assertThrows(ResolutionException.class, () -> resolver.resolve(APP));
            assertTrue(e.getMessage().contains(deadUrl), e.getMessage());
            assertTrue(remote.requests().isEmpty());
        }
    }

    @Test
    void mirrorOfStarAlsoCoversMavenCentral() throws Exception {
        Path settings = TestMavenRepository.settings(temp.resolve("settings.xml"),
                "<mirrors><mirror><id>company</id><url>" + remote.url() + "</url><mirrorOf>*</mirrorOf></mirror></mirrors>");
        DependencyResolver resolver = DependencyResolver.builder().settingsFile(settings)
                .localRepository(temp.resolve("local")).build();

        assertEquals(List.of(Repository.MAVEN_CENTRAL), resolver.repositories());
        assertEquals(3, resolver.resolve(APP).artifacts().size());
        ResolutionException e = assertThrows(ResolutionException.class,
                () -> resolver.resolve(List.of(MavenCoordinate.parse("org.example:nope:1.0"))));
        assertTrue(e.getMessage().contains("company (" + remote.url() + ") mirroring central"), e.getMessage());
    }

    @Test
    void requestsGoThroughTheActiveProxy() throws Exception {
        DependencyResolver resolver = deadRepositoryWith("<proxies>"
                + "<proxy><id>off</id><active>false</active><protocol>http</protocol><host>127.0.0.1</host><port>1</port></proxy>"
                + "<proxy><id>on</id><active>true</active><protocol>http</protocol><host>127.0.0.1</host><port>"
                + remote.port() + "</port></proxy></proxies>").build();

        assertEquals(3, resolver.resolve(APP).artifacts().size());
        // A proxy receives the absolute URI of the repository it stands in front of.
        assertTrue(remote.requests().stream().anyMatch(r -> r.target().equals(deadUrl + "org/example/app/1.0/app-1.0.jar")),
                remote.requests().toString());
    }

    @Test
    void nonProxyHostsBypassTheProxy() throws Exception {
        DependencyResolver resolver = deadRepositoryWith("<proxies><proxy><id>on</id><active>true</active>"
                + "<protocol>http</protocol><host>127.0.0.1</host><port>" + remote.port() + "</port>"
                + "<nonProxyHosts>localhost|127.0.0.*</nonProxyHosts></proxy></proxies>").build();

        assertThrows(ResolutionException.class, () -> resolver.resolve(APP));
        assertTrue(remote.requests().isEmpty(), remote.requests().toString());
    }

    @Test
    void offlineResolvesFromTheLocalRepositoryOnceCached() throws Exception {
        Path local = temp.resolve("local");
        String url = remote.url();
        DependencyResolver.Builder online = DependencyResolver.builder().settingsFile(temp.resolve("none.xml"))
                .localRepository(local).mavenCentral(false).addRepository("test", remote.url());
        Resolution first = online.build().resolve(APP);
        remote.close();

        Resolution offlineFlag = online.offline(true).build().resolve(APP);
        Path offlineSettings = TestMavenRepository.settings(temp.resolve("offline.xml"), "<offline>true</offline>");
        Resolution offlineSettingsXml = DependencyResolver.builder().settingsFile(offlineSettings).localRepository(local)
                .mavenCentral(false).addRepository("test", url).build().resolve(APP);

        assertEquals(first.artifacts(), offlineFlag.artifacts());
        assertEquals(first.artifacts(), offlineSettingsXml.artifacts());
        assertTrue(offlineFlag.offline() && offlineSettingsXml.offline());
    }

    @Test
    void unreachableRemoteFallsBackToCachedArtifacts() throws Exception {
        Path local = temp.resolve("local");
        Resolution first = DependencyResolver.builder().settingsFile(temp.resolve("none.xml")).localRepository(local)
                .mavenCentral(false).addRepository("test", remote.url()).build().resolve(APP);
        remote.close();

        // Another repository id: Resolver's own bookkeeping would not count the cached files as present for it.
        Resolution again = DependencyResolver.builder().settingsFile(temp.resolve("none.xml")).localRepository(local)
                .mavenCentral(false).addRepository("elsewhere", deadUrl).build().resolve(APP);

        assertEquals(first.artifacts(), again.artifacts());
        assertTrue(again.offline());
    }

    @Test
    void offlineWithoutTheArtifactSaysWhatToDo() throws Exception {
        DependencyResolver resolver = deadRepositoryWith("<offline>true</offline>").build();

        ResolutionException e = assertThrows(ResolutionException.class, () -> resolver.resolve(APP));

        assertTrue(e.getMessage().startsWith("org.example:app:1.0 is not in the local repository"), e.getMessage());
        assertTrue(e.getMessage().contains("offline"), e.getMessage());
        assertFalse(remote.requests().stream().anyMatch(r -> r.status() == 200));
    }
}
