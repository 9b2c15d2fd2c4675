package dev.fahr.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** All or nothing: a folder is filled beside its target and moved in only once the work finished. */
class StagedFolderTest {

    @TempDir
    Path root;

    private List<String> names(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFinishedFillBecomesTheTargetOrJoinsIt() throws Exception {
        Path target = root.resolve("model");
        String result = StagedFolder.fill(target, "fetching", staging -> {
            Files.writeString(staging.resolve("weights.bin"), "v1");
            return "done";
        });
        assertEquals("done", result);
        assertEquals(List.of("weights.bin"), names(target));
        Files.writeString(target.resolve("notes.md"), "mine");
        Files.createDirectories(target.resolve("sub"));
        Files.writeString(target.resolve("sub/old.txt"), "old");
        StagedFolder.fill(target, "fetching", staging -> {
            Files.writeString(staging.resolve("weights.bin"), "v2");
            Files.createDirectories(staging.resolve("sub"));
            Files.writeString(staging.resolve("sub/new.txt"), "new");
            return null;
        });
        assertEquals("v2", Files.readString(target.resolve("weights.bin")));
        assertEquals("mine", Files.readString(target.resolve("notes.md")), "other entries stay");
        assertEquals(List.of("new.txt"), names(target.resolve("sub")), "an entry is replaced whole");
        assertEquals(List.of("model"), names(root), "no staging folder left");
    }

    @Test
    void aFailedFillLeavesTheTargetAsItWasAndCreatesNone() throws Exception {
        Path absent = root.resolve("absent");
        assertThrows(IOException.class, () -> StagedFolder.fill(absent, "fetching", staging -> {
            Files.writeString(staging.resolve("half.bin"), "x");
            throw new IOException("No space left on device");
        }));
        assertFalse(Files.exists(absent));

        Path kept = Files.createDirectories(root.resolve("kept"));
        Files.writeString(kept.resolve("weights.bin"), "v1");
        assertThrows(IllegalStateException.class, () -> StagedFolder.fill(kept, "fetching", staging -> {
            Files.writeString(staging.resolve("weights.bin"), "half");
            throw new IllegalStateException("cut");
        }));
        assertEquals("v1", Files.readString(kept.resolve("weights.bin")));
        assertEquals(List.of("kept"), names(root), "no staging folder left");
    }
}
