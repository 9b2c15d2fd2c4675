package dev.fahr.kernel.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.fahr.kernel.magic.MagicCatalog;
import dev.fahr.resolver.DependencyLedger;
import dev.fahr.resolver.LedgerEntry;
import dev.fahr.resolver.ResolutionException;
import dev.fahr.resolver.testing.TestMavenRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The magics without a kernel: what reaches the class path, the summary, the ledger. */
class MavenMagicsTest {

    @TempDir
    Path temp;

    private TestMavenRepository remote;
    private TestMavenRepository extra;
    private final List<Path> classpath = new ArrayList<>();
    private DependencyLedger ledger;
    private MavenMagics magics;
    private MagicCatalog catalog;

    @BeforeEach
    void setUp() throws IOException {
        remote = new TestMavenRepository(temp.resolve("remote"));
        remote.publish("org.example", "base", "1.0");
        remote.publish("org.example", "base", "2.0");
        remote.publish("org.example", "lib", "1.0", "org.example:base:1.0");
        remote.publish("org.example", "other", "1.0", "org.example:base:2.0");
        remote.start();
        extra = new TestMavenRepository(temp.resolve("extra"));
        extra.publish("org.extra", "thing", "3.0");
        extra.start();
        // Central is mirrored to the test server; anything else (such as "extra") is reached directly.
        Path settings = TestMavenRepository.settings(temp.resolve("settings.xml"),
                "<localRepository>" + temp.resolve("local") + "</localRepository>"
                        + "<mirrors><mirror><id>test</id><url>" + remote.url() + "</url><mirrorOf>central</mirrorOf></mirror></mirrors>");
        ledger = DependencyLedger.create(temp.resolve("ledger.json"));
        catalog = new MagicCatalog();
        magics = new MavenMagics(classpath::add, ledger, settings, catalog);
    }

    @AfterEach
    void stop() {
        remote.close();
        extra.close();
    }

    @Test
    void addsEveryJarAndSaysWhich() throws Exception {
        String summary = magics.add(List.of("org.example:lib:1.0"));

        assertEquals("added 2 jars: lib-1.0.jar, base-1.0.jar", summary);
        assertEquals(List.of("lib-1.0.jar", "base-1.0.jar"), classpath.stream().map(p -> p.getFileName().toString()).toList());
        LedgerEntry.Maven entry = (LedgerEntry.Maven) DependencyLedger.read(ledger.file()).get(0);
        assertEquals(List.of("org.example:lib:1.0"), entry.requested());
        assertEquals(2, entry.artifacts().size());
    }

    @Test
    void acceptsCommasAndSpacesAndSkipsWhatIsAlreadyThere() throws Exception {
        magics.add(List.of("org.example:lib:1.0"));

        // base 1.0 is on the class path already; other needs 2.0, which the range agrees with.
        String summary = magics.add(List.of("org.example:other:1.0,", "org.example:base:[1.5,3.0)"));

        assertTrue(summary.startsWith("added 2 jars: other-1.0.jar, base-2.0.jar"), summary);
        assertTrue(summary.contains("warning: another version is already on the class path for org.example:base 2.0"), summary);
        assertEquals(4, classpath.size());
        assertEquals(List.of("org.example:other:1.0", "org.example:base:[1.5,3.0)"),
                ((LedgerEntry.Maven) DependencyLedger.read(ledger.file()).get(1)).requested());
    }

    @Test
    void mavenRepoAddsARepositoryForLaterCalls() throws Exception {
        ResolutionException missing = assertThrows(ResolutionException.class, () -> magics.add(List.of("org.extra:thing:3.0")));
        assertTrue(missing.getMessage().endsWith("check the coordinates or add its repository with %mavenRepo ID URL"),
                missing.getMessage());

        assertEquals("added repository extra (" + extra.url() + ")", magics.mavenRepo(List.of("extra", extra.url())));

        assertEquals("added 1 jar: thing-3.0.jar", magics.add(List.of("org.extra:thing:3.0")));
        assertTrue(magics.mavenRepo(List.of()).contains("extra (" + extra.url() + ")"));
    }

    @Test
    void badArgumentsSayHowToWriteThem() {
        assertThrows(IllegalArgumentException.class, () -> magics.add(List.of()));
        IllegalArgumentException coordinate = assertThrows(IllegalArgumentException.class, () -> magics.add(List.of("commons-math3")));
        assertTrue(coordinate.getMessage().contains("groupId:artifactId:version"));
        IllegalArgumentException repo = assertThrows(IllegalArgumentException.class, () -> magics.mavenRepo(List.of("only-an-id")));
        assertTrue(repo.getMessage().contains("%mavenRepo"));
        assertTrue(classpath.isEmpty());
    }

    @Test
    void describesItsMagics() {
        assertTrue(catalog.descriptionOf("maven").contains("%maven g:a:v"));
        assertTrue(catalog.descriptionOf("mavenRepo").contains("%mavenRepo ID URL"));
        assertEquals("the same as %maven", catalog.descriptionOf("addMavenDependency"));
    }
}
