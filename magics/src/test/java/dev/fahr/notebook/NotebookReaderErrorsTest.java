package dev.fahr.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bad input gives one NotebookException naming the file, the problem and the fix, and writes nothing. */
class NotebookReaderErrorsTest {

    private static final String VALID = "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": ["
            + "{\"cell_type\": \"code\", \"id\": \"a1\", \"metadata\": {}, \"outputs\": [], \"execution_count\": null,"
            + " \"source\": [\"int x = 1;\\n\", \"x\"]}]}";

    @TempDir
    Path folder;

    @Test
    void truncatedJsonSaysWhereItEnds() throws IOException {
        Path file = write("cut.ipynb", VALID.substring(0, 80));
        String message = failure(file);
        assertContains(message, file.toString(), "cut off", "ends early at line 1, column", ".ipynb_checkpoints");
    }

    @Test
    void invalidJsonSaysWhere() throws IOException {
        Path file = write("broken.ipynb", "{\n \"nbformat\": 4,\n \"cells\": [}\n}");
        assertContains(failure(file), file.toString(), "not valid JSON at line 3");
    }

    @Test
    void binaryFileIsRefused() throws IOException {
        Path file = folder.resolve("image.ipynb");
        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});
        assertContains(failure(file), file.toString(), "binary file", "JSON text");
    }

    @Test
    void latin1TextIsRefusedAsNotUtf8() throws IOException {
        Path file = folder.resolve("latin1.ipynb");
        Files.write(file, new byte[] {'{', '"', (byte) 0xE9, '"', ':', '1', '}'});
        assertContains(failure(file), "binary file", "not UTF-8");
    }

    @Test
    void nbformat3IsRefusedWithTheConvertCommand() throws IOException, URISyntaxException {
        Path file = folder.resolve("old.ipynb");
        Files.copy(Path.of(getClass().getResource("/notebooks/nbformat3.ipynb").toURI()), file);
        assertContains(failure(file), "nbformat 3",
                "jupyter nbconvert --to notebook --nbformat 4 " + file);
    }

    @Test
    void cellWithoutSourceNamesTheCell() throws IOException {
        Path file = write("nosource.ipynb", "{\"nbformat\": 4, \"nbformat_minor\": 4, \"metadata\": {}, \"cells\": ["
                + "{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": \"# T\"},"
                + "{\"cell_type\": \"code\", \"metadata\": {}, \"outputs\": [], \"execution_count\": null}]}");
        assertContains(failure(file), file + ", cell 2", "no \"source\" field", "save it again");
    }

    @Test
    void fiftyMegabyteNotebookIsRefusedBeforeParsing() throws IOException {
        Path file = folder.resolve("huge.ipynb");
        try (RandomAccessFile huge = new RandomAccessFile(file.toFile(), "rw")) {
            // Sparse and all zero bytes: had it been parsed it would be reported as binary, not as too big.
            huge.setLength(50L * 1024 * 1024);
        }
        assertContains(failure(file), file.toString(), "50.0 MB", "more than the 20.0 MB", "--clear-output");
    }

    @Test
    void sizeLimitIsConfigurable() throws IOException {
        Path file = write("small.ipynb", VALID);
        assertContains(assertThrows(NotebookException.class, () -> new NotebookReader(100).read(file)).getMessage(),
                "more than the 0.0 MB");
        assertEquals(1, new NotebookReader(10_000).read(file).cells().size());
    }

    @Test
    void missingPathIsNamed() {
        Path file = folder.resolve("nowhere/missing.ipynb");
        assertContains(failure(file), file.toString(), "no such file", "save the notebook first");
    }

    @Test
    void folderIsNotANotebook() throws IOException {
        Path dir = Files.createDirectory(folder.resolve("dir.ipynb"));
        assertContains(failure(dir), dir.toString(), "is a folder");
    }

    @Test
    void jsonWithoutCellsIsNotANotebook() throws IOException {
        Path object = write("package.json", "{\"name\": \"x\", \"version\": \"1\"}");
        assertContains(failure(object), object.toString(), "not a Jupyter notebook", "no \"cells\" list");
        Path array = write("array.ipynb", "[1, 2, 3]");
        assertContains(failure(array), "not a Jupyter notebook");
        Path empty = write("empty.ipynb", "");
        assertContains(failure(empty), empty.toString(), "is empty");
    }

    @Test
    void unknownCellTypeAndBadSourceAreNamed() throws IOException {
        Path file = write("weird.ipynb", "{\"nbformat\": 4, \"nbformat_minor\": 4, \"metadata\": {}, \"cells\": ["
                + "{\"cell_type\": \"heading\", \"metadata\": {}, \"source\": \"# T\"}]}");
        assertContains(failure(file), "cell 1", "cell_type \"heading\"");
        Path number = write("number.ipynb", "{\"nbformat\": 4, \"nbformat_minor\": 4, \"metadata\": {}, \"cells\": ["
                + "{\"cell_type\": \"raw\", \"metadata\": {}, \"source\": 42}]}");
        assertContains(failure(number), "cell 1", "string or a list of lines");
    }

    @Test
    void errorsWriteNothing() throws IOException {
        write("cut.ipynb", VALID.substring(0, 50));
        write("obj.ipynb", "{\"a\": 1}");
        Map<Path, FileTime> before = snapshot();
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(file -> assertThrows(NotebookException.class, () -> new NotebookReader().read(file)));
        }
        assertEquals(before, snapshot());
    }

    private Map<Path, FileTime> snapshot() throws IOException {
        Map<Path, FileTime> state = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.toList()) {
                state.put(file, Files.getLastModifiedTime(file));
            }
        }
        return state;
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content);
    }

    private static String failure(Path file) {
        return assertThrows(NotebookException.class, () -> new NotebookReader().read(file)).getMessage();
    }

    static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "expected \"" + part + "\" in: " + message);
        }
    }
}
