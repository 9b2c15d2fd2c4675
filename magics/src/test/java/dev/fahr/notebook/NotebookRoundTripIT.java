package dev.fahr.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Notebooks written by Jupyter's nbformat library come back unchanged after a read and a write. */
class NotebookRoundTripIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path jupyterFiles;

    @TempDir
    Path output;

    @BeforeAll
    static void writeNotebooksWithNbformat() {
        JupyterPython.runResourceScript("make_notebooks.py", jupyterFiles.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v4.0", "v4.1", "v4.2", "v4.3", "v4.4", "v4.5", "attachments", "unknown-fields"})
    void writingBackGivesTheSameJsonTree(String name) throws IOException {
        Path original = jupyterFiles.resolve(name + ".ipynb");
        Path copy = output.resolve(name + ".ipynb");

        new NotebookWriter().write(new NotebookReader().read(original), copy);

        assertEquals(JSON.readTree(original.toFile()), JSON.readTree(copy.toFile()));
        assertTrue(Files.readString(copy).endsWith("}\n"), "files end with a newline, as Jupyter writes them");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v4.0", "v4.4", "v4.5", "attachments"})
    void writingBackKeepsJupytersExactBytes(String name) throws IOException {
        // Byte equality shows the layout (sorted keys, one-space indent, ": ", empty [] and {}) is Jupyter's.
        Path original = jupyterFiles.resolve(name + ".ipynb");
        String written = new NotebookWriter().toJson(new NotebookReader().read(original));
        assertEquals(Files.readString(original, StandardCharsets.UTF_8), written);
    }

    @Test
    void versionsAndIdsAreReadAsWritten() {
        for (int minor = 0; minor <= 5; minor++) {
            Notebook notebook = new NotebookReader().read(jupyterFiles.resolve("v4." + minor + ".ipynb"));
            assertEquals(4, notebook.nbformat());
            assertEquals(minor, notebook.nbformatMinor());
            assertEquals(minor == 5, notebook.cells().get(0).id().isPresent(), "ids exist from 4.5 on, minor " + minor);
            assertEquals(NotebookLanguage.JAVA, notebook.language());
        }
    }

    @Test
    void cellContentIsModelled() {
        Notebook notebook = new NotebookReader().read(jupyterFiles.resolve("v4.5.ipynb"));
        List<Cell> cells = notebook.cells();
        assertEquals(List.of(CellType.MARKDOWN, CellType.CODE, CellType.CODE, CellType.RAW, CellType.CODE),
                cells.stream().map(Cell::type).toList());
        assertEquals("int epochs = 10;\ndouble lr = 0.1;", cells.get(1).source());
        assertEquals(List.of("parameters"), cells.get(1).tags());
        assertEquals(Optional.empty(), cells.get(1).executionCount());
        assertEquals(Optional.of(3), cells.get(2).executionCount());
        assertEquals(3, cells.get(2).outputs().size());
        assertEquals(Optional.of("stream"), cells.get(2).outputs().get(0).text("output_type"));
        assertEquals("raw text\r\nwith CRLF\r\n", cells.get(3).source());
        assertEquals("", cells.get(4).source());
    }

    @Test
    void attachmentsAndUnknownFieldsAreKept() {
        Notebook withAttachment = new NotebookReader().read(jupyterFiles.resolve("attachments.ipynb"));
        Cell last = withAttachment.cells().get(withAttachment.cells().size() - 1);
        assertEquals(Optional.of(java.util.Set.of("plot.png")), last.attachments().map(JsonFields::names));

        Notebook unknown = new NotebookReader().read(jupyterFiles.resolve("unknown-fields.ipynb"));
        assertEquals(java.util.Set.of("future_field"), unknown.unknownFields().names());
        assertTrue(unknown.metadata().has("custom_tool"));
        assertEquals(java.util.Set.of("x_cell_extra"), unknown.cells().get(1).unknownFields().names());
        assertTrue(unknown.cells().get(2).outputs().get(0).has("x_output_extra"));
    }

    @Test
    void jupyterAcceptsWhatFahrWrites() throws IOException {
        Notebook notebook = new NotebookReader().read(jupyterFiles.resolve("v4.5.ipynb"));
        Notebook edited = notebook.toBuilder()
                .addCell(Cell.builder(CellType.CODE).id("added-1").source("int x = 1;\nx + 1\n").tags("fahr:skip").build())
                .build();
        Path file = output.resolve("edited.ipynb");
        new NotebookWriter().write(edited, file);

        String checked = JupyterPython.runCode(
                "import sys, nbformat\n"
                        + "nb = nbformat.read(sys.argv[1], as_version=4)\n"
                        + "nbformat.validate(nb)\n"
                        + "c = nb.cells[-1]\n"
                        + "print(len(nb.cells), c.id, repr(c.source), c.metadata.tags)\n",
                file.toString());
        assertEquals("6 added-1 'int x = 1;\\nx + 1\\n' ['fahr:skip']\n", checked);
    }

    @Test
    void sourceGivenAsOneStringIsReadAndWrittenAsLines() throws IOException {
        Path file = output.resolve("string-source.ipynb");
        Files.writeString(file, "{\"nbformat\": 4, \"nbformat_minor\": 2, \"metadata\": {},"
                + " \"cells\": [{\"cell_type\": \"code\", \"metadata\": {}, \"outputs\": [], \"execution_count\": null,"
                + " \"source\": \"a();\\nb();\\n\"}]}");
        Notebook notebook = new NotebookReader().read(file);
        assertEquals("a();\nb();\n", notebook.cells().get(0).source());

        JsonNode written = JSON.readTree(new NotebookWriter().toJson(notebook));
        assertEquals(JSON.readTree("[\"a();\\n\", \"b();\\n\"]"), written.at("/cells/0/source"));
        assertFalse(written.at("/cells/0").has("id"), "a 4.2 cell gets no id");
    }
}
