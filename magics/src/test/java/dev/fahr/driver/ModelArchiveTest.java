package dev.fahr.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArchiveTest {

    @TempDir
    Path temp;

    @Test
    void packsRelativePathsAndModesAndExtractsThemBack() throws IOException {
        Path model = Files.createDirectories(temp.resolve("model/weights"));
        Files.writeString(temp.resolve("model/model.txt"), "hello");
        Path script = Files.writeString(model.resolve("predict.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(temp.resolve("model/latest"), Path.of("weights/predict.sh"));
        Path archive = temp.resolve("out/model.tar.gz");

        ModelArchive.pack(temp.resolve("model"), archive);

        assertEquals(List.of("latest", "model.txt", "weights/", "weights/predict.sh"), entryNames(archive));
        Path target = temp.resolve("fetched");
        List<Path> extracted = ModelArchive.extract(archive, target);
        assertEquals(List.of(target.resolve("latest"), target.resolve("model.txt"), target.resolve("weights/predict.sh")),
                extracted);
        assertEquals("hello", Files.readString(target.resolve("model.txt")));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(target.resolve("weights/predict.sh"))));
        assertEquals(Path.of("weights/predict.sh"), Files.readSymbolicLink(target.resolve("latest")));
        assertTrue(hiddenLeftovers().isEmpty(), "no staging folder left: " + hiddenLeftovers());
    }

    @Test
    void extractsIntoAnExistingFolderReplacingOnlyTheArchivesEntries() throws IOException {
        Files.createDirectories(temp.resolve("model"));
        Files.writeString(temp.resolve("model/model.txt"), "new");
        Path archive = temp.resolve("model.tar.gz");
        ModelArchive.pack(temp.resolve("model"), archive);
        Path target = Files.createDirectories(temp.resolve("fetched"));
        Files.writeString(target.resolve("model.txt"), "old");
        Files.writeString(target.resolve("notes.txt"), "mine");

        ModelArchive.extract(archive, target);

        assertEquals("new", Files.readString(target.resolve("model.txt")));
        assertEquals("mine", Files.readString(target.resolve("notes.txt")));
    }

    @Test
    void packsAnEmptyOrMissingFolderAsAnEmptyArchive() throws IOException {
        Path archive = temp.resolve("model.tar.gz");
        ModelArchive.pack(temp.resolve("missing"), archive);
        assertEquals(List.of(), entryNames(archive));
        assertEquals(List.of(), ModelArchive.extract(archive, temp.resolve("fetched")));
    }

    @Test
    void refusesAnEntryClimbingOutAndLeavesNothingBehind() throws IOException {
        Path archive = craft(tar -> {
            file(tar, "good.txt", "fine");
            file(tar, "../evil", "gotcha");
        });
        Path target = temp.resolve("fetched");

        ModelArchive.UnsafeArchiveException e = assertThrows(ModelArchive.UnsafeArchiveException.class,
                () -> ModelArchive.extract(archive, target));

        assertTrue(e.getMessage().contains("'../evil'"), e.getMessage());
        assertFalse(Files.exists(target), "the target must not be created");
        assertFalse(Files.exists(temp.resolve("evil")));
        assertTrue(hiddenLeftovers().isEmpty(), "no staging folder left: " + hiddenLeftovers());
    }

    @Test
    void refusesAnEntryClimbingOutThroughItsMiddle() throws IOException {
        Path archive = craft(tar -> file(tar, "a/../../evil", "gotcha"));
        assertThrows(ModelArchive.UnsafeArchiveException.class, () -> ModelArchive.extract(archive, temp.resolve("t")));
        assertFalse(Files.exists(temp.resolve("evil")));
    }

    @Test
    void refusesAnAbsoluteEntry() throws IOException {
        Path outside = temp.resolve("absolute-evil");
        Path archive = craft(tar -> file(tar, outside.toString(), "gotcha"));

        ModelArchive.UnsafeArchiveException e = assertThrows(ModelArchive.UnsafeArchiveException.class,
                () -> ModelArchive.extract(archive, temp.resolve("fetched")));

        assertTrue(e.getMessage().contains("absolute"), e.getMessage());
        assertFalse(Files.exists(outside));
    }

    @Test
    void refusesSymbolicLinksPointingOutside() throws IOException {
        Path absolute = craft(tar -> link(tar, "escape", temp.toString(), TarConstants.LF_SYMLINK));
        Path relative = craft(tar -> link(tar, "sub/escape", "../../x", TarConstants.LF_SYMLINK));

        assertThrows(ModelArchive.UnsafeArchiveException.class, () -> ModelArchive.extract(absolute, temp.resolve("a")));
        ModelArchive.UnsafeArchiveException e = assertThrows(ModelArchive.UnsafeArchiveException.class,
                () -> ModelArchive.extract(relative, temp.resolve("b")));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertFalse(Files.exists(temp.resolve("a")) || Files.exists(temp.resolve("b")));
    }

    @Test
    void refusesWritingThroughASymbolicLink() throws IOException {
        Files.createDirectories(temp.resolve("outside"));
        // The link itself points inside ("."), but on disk "here/.." would be the target's parent:
        // names are normalised before use, so the file lands inside.
        Path archive = craft(tar -> {
            link(tar, "here", ".", TarConstants.LF_SYMLINK);
            file(tar, "here/../outside/evil", "gotcha");
        });
        ModelArchive.extract(archive, temp.resolve("t"));
        assertTrue(Files.exists(temp.resolve("t/outside/evil")));
        assertFalse(Files.exists(temp.resolve("outside/evil")));

        Path throughLink = craft(tar -> {
            link(tar, "here", ".", TarConstants.LF_SYMLINK);
            file(tar, "here/evil", "gotcha");
        });
        ModelArchive.UnsafeArchiveException e = assertThrows(ModelArchive.UnsafeArchiveException.class,
                () -> ModelArchive.extract(throughLink, temp.resolve("u")));
        assertTrue(e.getMessage().contains("through the symbolic link"), e.getMessage());
        assertFalse(Files.exists(temp.resolve("outside/evil")));
    }

    @Test
    void refusesHardLinksPointingOutside() throws IOException {
        Path archive = craft(tar -> link(tar, "passwd", "../../../etc/passwd", TarConstants.LF_LINK));
        assertThrows(ModelArchive.UnsafeArchiveException.class, () -> ModelArchive.extract(archive, temp.resolve("t")));
        assertFalse(Files.exists(temp.resolve("t")));
    }

    @Test
    void extractsHardLinksInsideAsCopies() throws IOException {
        Path archive = craft(tar -> {
            file(tar, "a.txt", "same");
            link(tar, "b.txt", "a.txt", TarConstants.LF_LINK);
        });
        Path target = temp.resolve("t");
        ModelArchive.extract(archive, target);
        assertEquals("same", Files.readString(target.resolve("b.txt")));
        assertFalse(Files.isSymbolicLink(target.resolve("b.txt")));
    }

    private List<String> hiddenLeftovers() throws IOException {
        try (Stream<Path> files = Files.list(temp)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.contains("extracting")).toList();
        }
    }

    private static List<String> entryNames(Path archive) throws IOException {
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GzipCompressorInputStream(Files.newInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    @FunctionalInterface
    private interface TarContent {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private Path craft(TarContent content) throws IOException {
        Path archive = Files.createTempFile(temp, "crafted", ".tar.gz");
        try (OutputStream out = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            content.write(tar);
        }
        return archive;
    }

    private static void file(TarArchiveOutputStream tar, String name, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // preserveAbsolutePath=true: otherwise the writer would quietly strip the leading slash.
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private static void link(TarArchiveOutputStream tar, String name, String target, byte type) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
        entry.setLinkName(target);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }
}
