package dev.fahr.kernel.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.fahr.kernel.JavaKernel;
import dev.fahr.resolver.DependencyLedger;
import dev.fahr.resolver.LedgerEntry;
import dev.fahr.resolver.testing.TestMavenRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** %maven wired into a real kernel (JShell and all), resolving from a test repository through settings.xml. */
class MavenMagicsKernelTest {

    @TempDir
    static Path temp;

    private static TestMavenRepository remote;
    private static JavaKernel kernel;
    private static Path ledgerFile;

    @BeforeAll
    static void start() throws Exception {
        remote = new TestMavenRepository(temp.resolve("remote"));
        remote.publishClass("org.example", "words", "1.0", "org.example.Words",
                "package org.example; public class Words { public static final String HELLO = \"hello\"; }");
        remote.publishClass("org.example", "foo", "1.0", "org.example.Foo",
                "package org.example; public class Foo { public String hello() { return \"hello from foo\"; } }",
                "org.example:words:1.0");
        remote.start();
        Path settings = TestMavenRepository.settings(temp.resolve("settings.xml"),
                "<localRepository>" + temp.resolve("local") + "</localRepository>"
                        + "<mirrors><mirror><id>test</id><url>" + remote.url() + "</url><mirrorOf>*</mirrorOf></mirror></mirrors>");
        System.setProperty(MavenMagics.SETTINGS_PROPERTY, settings.toString());
        kernel = JavaKernel.builder().workingDirectory(temp).build();
        kernel.onStartup(); // as KernelMain does once the sockets are bound: the kernel's magics are set up here
        // Read at once: another kernel built later in this JVM would publish its own ledger.
        ledgerFile = Path.of(System.getProperty(KernelLedger.SYSTEM_PROPERTY));
    }

    @AfterAll
    static void stop() {
        System.clearProperty(MavenMagics.SETTINGS_PROPERTY);
        remote.close();
        kernel.onShutdown(false);
    }

    @Test
    void mavenPutsTheJarAndItsDependenciesOnTheClassPathAndInTheLedger() throws Exception {
        kernel.evalRaw("%maven org.example:foo:1.0");

        assertTrue(String.valueOf(kernel.evalRaw("new org.example.Foo().hello()")).contains("hello from foo"));
        assertTrue(String.valueOf(kernel.evalRaw("org.example.Words.HELLO")).contains("hello"));
        assertTrue(ledgerFile.startsWith(Path.of(System.getProperty("java.io.tmpdir"))), ledgerFile.toString());
        LedgerEntry.Maven entry = DependencyLedger.read(ledgerFile).stream()
                .filter(LedgerEntry.Maven.class::isInstance).map(LedgerEntry.Maven.class::cast)
                .filter(m -> m.requested().equals(List.of("org.example:foo:1.0"))).findFirst().orElseThrow();
        assertEquals(List.of("foo", "words"), entry.artifacts().stream().map(a -> a.artifactId()).toList());
    }

    @Test
    void jarsAddedByPathAreRecordedWithTheirChecksum() throws Exception {
        Path jar = Files.createDirectories(temp.resolve("lib")).resolve("mine.jar");
        Files.copy(remote.root().resolve("org/example/words/1.0/words-1.0.jar"), jar);

        kernel.evalRaw("%jars lib/mine.jar");

        List<LedgerEntry> entries = DependencyLedger.read(ledgerFile);
        assertTrue(entries.contains(new LedgerEntry.LocalPath(jar,
                TestMavenRepository.hex("SHA-256", Files.readAllBytes(jar)))), entries.toString());
    }

    @Test
    void lsmagicListsTheDependencyMagics() {
        String listing = String.valueOf(kernel.evalRaw("%lsmagic"));

        for (String name : List.of("%maven ", "%addMavenDependency ", "%mavenRepo ")) {
            assertTrue(listing.contains(name), listing);
        }
        assertTrue(listing.contains("%mavenRepo ID URL"), listing);
    }

    @Test
    void aMissingArtifactFailsTheCellWithTheFix() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> kernel.evalRaw("%addMavenDependency org.example:nope:1.0"));

        assertTrue(e.getMessage().contains("org.example:nope:1.0 not found in test (" + remote.url() + ")"), e.getMessage());
        assertTrue(e.getMessage().contains("%mavenRepo ID URL"), e.getMessage());
    }
}
