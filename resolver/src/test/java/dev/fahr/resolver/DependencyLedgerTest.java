package dev.fahr.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import dev.fahr.resolver.testing.TestMavenRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependencyLedgerTest {

    @TempDir
    Path temp;

    private Resolution sampleResolution() throws IOException {
        Path jar = Files.writeString(temp.resolve("lib-1.2.jar"), "not really a jar");
        ResolvedArtifact artifact = new ResolvedArtifact("org.example", "lib", "1.2", "jar", "", jar,
                TestMavenRepository.hex("SHA-256", Files.readAllBytes(jar)));
        return new Resolution(List.of(MavenCoordinate.parse("org.example:lib:[1.0,2.0)")),
                List.of(Repository.MAVEN_CENTRAL), List.of(artifact), false);
    }

    @Test
    void theEmptyDocumentIsWhatJacksonWrites() throws IOException {
        String jackson = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(new DependencyLedger.Document(DependencyLedger.FORMAT, List.of()));
        assertEquals(jackson, DependencyLedger.EMPTY_DOCUMENT);
    }

    @Test
    void roundTripsEveryEntryInOrder() throws IOException {
        Path file = temp.resolve("ledger/dependencies.json");
        DependencyLedger ledger = DependencyLedger.create(file);
        assertEquals(List.of(), DependencyLedger.read(file));

        Resolution resolution = sampleResolution();
        Path localJar = Files.writeString(temp.resolve("mine.jar"), "local bytes");
        Path classes = Files.createDirectories(temp.resolve("classes"));
        ledger.recordResolution(resolution);
        ledger.recordLocalPath(localJar);
        ledger.recordLocalPath(classes);

        List<LedgerEntry> read = DependencyLedger.read(file);
        assertEquals(ledger.entries(), read);
        LedgerEntry.Maven maven = (LedgerEntry.Maven) read.get(0);
        assertEquals(List.of("org.example:lib:[1.0,2.0)"), maven.requested());
        assertEquals(resolution.artifacts(), maven.artifacts());
        LedgerEntry.LocalPath jar = (LedgerEntry.LocalPath) read.get(1);
        assertEquals(TestMavenRepository.hex("SHA-256", "local bytes".getBytes()), jar.sha256());
        assertNull(((LedgerEntry.LocalPath) read.get(2)).sha256());
    }

    @Test
    void jsonIsPlainForOtherReaders() throws IOException {
        Path file = temp.resolve("dependencies.json");
        DependencyLedger ledger = DependencyLedger.create(file);
        ledger.recordResolution(sampleResolution());

        String json = Files.readString(file);
        assertTrue(json.contains("\"format\" : 1"), json);
        assertTrue(json.contains("\"kind\" : \"maven\""), json);
        // Paths as plain strings, not file: URIs, so that any reader can use them.
        assertTrue(json.contains("\"file\" : \"" + temp.resolve("lib-1.2.jar") + "\""), json);
    }

    @Test
    void writesAtomicallyAndLeavesNoTemporaryFiles() throws Exception {
        Path file = temp.resolve("dependencies.json");
        DependencyLedger ledger = DependencyLedger.create(file);
        Path jar = Files.writeString(temp.resolve("a.jar"), "a");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> readerFailure = new AtomicReference<>();
        AtomicInteger reads = new AtomicInteger();
        Thread reader = new Thread(() -> {
            int last = 0;
            while (writing.get()) {
                try {
                    int size = DependencyLedger.read(file).size();
                    if (size < last) {
                        throw new AssertionError("the ledger shrank from " + last + " to " + size);
                    }
                    last = size;
                    reads.incrementAndGet();
                } catch (Throwable e) {
                    readerFailure.set(e);
                    return;
                }
            }
        });
        reader.start();
        for (int i = 0; i < 300; i++) {
            ledger.recordLocalPath(jar);
        }
        writing.set(false);
        reader.join();

        assertNull(readerFailure.get(), () -> "a reader saw a partial file: " + readerFailure.get());
        assertTrue(reads.get() > 0);
        assertEquals(300, DependencyLedger.read(file).size());
        try (Stream<Path> files = Files.list(temp)) {
            assertEquals(List.of("a.jar", "dependencies.json"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void refusesAnotherFormat() throws IOException {
        Path file = Files.writeString(temp.resolve("future.json"), "{\"format\": 2, \"entries\": []}");

        IOException e = assertThrows(IOException.class, () -> DependencyLedger.read(file));
        assertTrue(e.getMessage().contains("format 2"), e.getMessage());
    }
}
