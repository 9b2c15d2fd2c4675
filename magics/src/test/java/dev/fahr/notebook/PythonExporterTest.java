package dev.fahr.notebook;

import dev.fahr.runtime.HyperparameterType;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonExporterTest {

    @TempDir
    Path folder;

    @Test
    void exportsANotebookWithMagicsCommentedOut() throws IOException {
        Notebook notebook = Notebook.builder()
                .metadata(JsonFields.parse("{\"kernelspec\": {\"name\": \"python3\", \"language\": \"python\"}}"))
                .addCell(Cell.markdown("# Train"))
                .addCell(Cell.builder(CellType.CODE).id("p1").source("epochs = 10\nlr = 0.1").tags("parameters").build())
                .addCell(Cell.builder(CellType.CODE).id("b2").source(
                        "%matplotlib inline\n!pip install tqdm\nfiles = !ls data\nimport os\nif True:\n    %time fit()\nx = 3 != 4\n").build())
                .addCell(Cell.builder(CellType.CODE).source("%%bash\necho hi\n  indented").build())
                .addCell(Cell.builder(CellType.CODE).source("print('skip me')").tags("fahr:skip").build())
                .build();
        Path file = folder.resolve("train.ipynb");
        new NotebookWriter().write(notebook, file);

        ExportResult result = new PythonExporter().export(file);

        assertEquals("""
                # Exported by fahr from train.ipynb; edit the notebook, not this file.

                # @fahr-cell 2 id=p1 parameters
                epochs = 10
                lr = 0.1

                # @fahr-cell 3 id=b2
                # fahr: commented out: %matplotlib inline
                # fahr: commented out: !pip install tqdm
                # fahr: commented out: files = !ls data
                import os
                if True:
                    pass  # fahr: commented out: %time fit()
                x = 3 != 4

                # @fahr-cell 4
                # fahr: commented out: %%bash
                # fahr: commented out: echo hi
                # fahr: commented out:   indented
                """, result.script());
        assertEquals("train.py", result.fileName());
        assertEquals(NotebookLanguage.PYTHON, result.language());
        assertEquals(List.of(new Parameter("epochs", HyperparameterType.INT, "10"), new Parameter("lr", HyperparameterType.DOUBLE, "0.1")),
                result.parameters());
        assertEquals(List.of(new ExportedCell(2, Optional.of("p1"), true), new ExportedCell(3, Optional.of("b2"), false),
                new ExportedCell(4, Optional.empty(), false)), result.cells());
    }

    @Test
    void exportsAPythonScriptAsOneCell() throws IOException {
        Path script = Files.writeString(folder.resolve("train.py"), "import sys\n!nvidia-smi\nprint(sys.argv)\n");
        ExportResult result = new PythonExporter().export(script);
        assertEquals("""
                # Exported by fahr from train.py; edit the notebook, not this file.

                # @fahr-cell 1
                import sys
                # fahr: commented out: !nvidia-smi
                print(sys.argv)
                """, result.script());
        assertEquals("train.py", result.fileName());
        assertEquals(List.of(new ExportedCell(1, Optional.empty(), false)), result.cells());
    }

    @Test
    void javaNotebookIsRefused() {
        Notebook java = Notebook.builder()
                .metadata(JsonFields.parse("{\"language_info\": {\"name\": \"Java\"}}")).addCell(Cell.code("int a;")).build();
        NotebookReaderErrorsTest.assertContains(org.junit.jupiter.api.Assertions.assertThrows(NotebookException.class,
                () -> new PythonExporter().export(java, folder.resolve("j.ipynb"))).getMessage(), "j.ipynb is a Java notebook");
    }
}
