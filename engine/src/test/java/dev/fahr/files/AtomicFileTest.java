package dev.fahr.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path folder;

    private long filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    @Test
    void writesANewFileInANewFolderReadableByOthers() throws IOException {
        Path file = folder.resolve("a/b/records.json");
        AtomicFile.writeString(file, "{\"jobs\": []}");
        assertEquals("{\"jobs\": []}", Files.readString(file));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(1, filesIn(file.getParent()), "no temporary left behind");
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws IOException {
        Path script = folder.resolve("run.sh");
        Files.writeString(script, "old");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        AtomicFile.writeString(script, "new");
        assertEquals("new", Files.readString(script));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(script)));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path file = folder.resolve("notebook.ipynb");
        Files.writeString(file, "the user's notebook");
        IOException failure = assertThrows(IOException.class, () -> AtomicFile.write(file, out -> {
            out.write("half of it".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("disk full", failure.getMessage());
        assertEquals("the user's notebook", Files.readString(file));
        assertEquals(1, filesIn(folder));
    }

    @Test
    void copiesOverAnExistingFile() throws IOException {
        Path source = Files.writeString(folder.resolve("model.tar.gz"), "new model");
        Path target = Files.writeString(folder.resolve("copy.tar.gz"), "old model");
        AtomicFile.copy(source, target);
        assertEquals("new model", Files.readString(target));
        assertEquals(2, filesIn(folder));
    }
}
