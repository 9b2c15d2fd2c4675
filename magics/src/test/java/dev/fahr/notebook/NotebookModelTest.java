package dev.fahr.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class NotebookModelTest {

    private static NotebookLanguage languageOf(String metadata) {
        return Notebook.builder().metadata(JsonFields.parse(metadata)).build().language();
    }

    @Test
    void languageComesFromKernelspecThenLanguageInfoThenKernelName() {
        assertEquals(NotebookLanguage.JAVA, languageOf("{\"kernelspec\": {\"name\": \"python3\", \"language\": \"java\"}}"));
        assertEquals(NotebookLanguage.PYTHON, languageOf("{\"kernelspec\": {\"name\": \"java\"}, \"language_info\": {\"name\": \"python\"}}"));
        assertEquals(NotebookLanguage.JAVA, languageOf("{\"kernelspec\": {\"name\": \"jjava\"}}"));
        assertEquals(NotebookLanguage.PYTHON, languageOf("{\"kernelspec\": {\"name\": \"python3\"}}"));
        assertEquals(NotebookLanguage.OTHER, languageOf("{\"kernelspec\": {\"language\": \"javascript\"}}"));
        assertEquals(NotebookLanguage.OTHER, languageOf("{}"));
    }

    @Test
    void modelIsImmutable() {
        Cell cell = Cell.builder(CellType.CODE).source("x").tags("parameters").build();
        Cell changed = cell.toBuilder().tags("fahr:skip").build();
        assertEquals(List.of("parameters"), cell.tags());
        assertEquals(List.of("fahr:skip"), changed.tags());
        assertThrows(UnsupportedOperationException.class, () -> cell.tags().add("x"));
        Notebook notebook = Notebook.builder().addCell(cell).build();
        assertThrows(UnsupportedOperationException.class, () -> notebook.cells().add(changed));
        assertEquals(notebook, notebook.toBuilder().build());
    }

    @Test
    void outputsOnlyOnCodeCells() {
        assertThrows(NotebookException.class, () -> Cell.builder(CellType.MARKDOWN).executionCount(1).build());
        assertThrows(NotebookException.class, () -> Notebook.builder().nbformat(3).build());
    }
}
