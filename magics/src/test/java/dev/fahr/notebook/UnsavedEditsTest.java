package dev.fahr.notebook;

import static dev.fahr.notebook.NotebookReaderErrorsTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnsavedEditsTest {

    private final Notebook saved = Notebook.builder()
            .addCell(Cell.markdown("# T"))
            .addCell(Cell.code("int epochs = 10;\n"))
            .addCell(Cell.code("train(epochs);"))
            .build();

    @Test
    void matchingHistoryReportsNoEdits() {
        UnsavedEdits edits = UnsavedEdits.compare(saved, "train.ipynb",
                List.of("int epochs = 10;   ", "train(epochs);\n\n", "train(epochs);", "%fahr_init", ""));
        assertFalse(edits.found());
        assertEquals("Exported train.ipynb as saved; it matches the cells this kernel ran.", edits.sentence());
    }

    @Test
    void unsavedEditIsNamed() {
        UnsavedEdits edits = UnsavedEdits.compare(saved, "train.ipynb", List.of("int epochs = 20;", "train(epochs);"));
        assertTrue(edits.found());
        assertEquals(List.of("int epochs = 20;"), edits.unsavedSources());
        assertContains(edits.sentence(), "Exported train.ipynb as saved on disk", "1 cell that is not in it",
                "\"int epochs = 20;\"", "Save the notebook");
    }
}
