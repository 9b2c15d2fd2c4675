package dev.fahr.runner;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportedScriptTest {

    private static final String EXPORTED = """
            // Exported by fahr from quickstart.ipynb; edit the notebook, not this file.
            //DEPS org.apache.commons:commons-math3:3.6.1
            //JARS lib/foo.jar

            // @fahr-cell 3 id=5f2a1c parameters
            int epochs = 10;
            double lr = 0.1;

            // @fahr-cell 4 id=9bd0e2
            System.out.println(epochs);

            // @fahr-cell 7
            int x = 1;
            """;

    @Test
    void splitsCellsAtMarkersAndIgnoresTheHeader() {
        List<ScriptCell> cells = ExportedScript.parse(EXPORTED).cells();
        assertEquals(3, cells.size());
        assertEquals(new ScriptCell(3, Optional.of("5f2a1c"), true, "int epochs = 10;\ndouble lr = 0.1;", 6),
                cells.get(0));
        assertEquals(new ScriptCell(4, Optional.of("9bd0e2"), false, "System.out.println(epochs);", 10), cells.get(1));
        assertEquals(new ScriptCell(7, Optional.empty(), false, "int x = 1;", 13), cells.get(2));
        assertEquals("cell 4 (id 9bd0e2)", cells.get(1).label());
        assertEquals(3, ExportedScript.parse(EXPORTED).parametersCell().orElseThrow().number());
    }

    @Test
    void aScriptWithoutMarkersIsOneCellNumberedOne() {
        ExportedScript script = ExportedScript.parse("// hand-written\nSystem.out.println(1);\n");
        assertEquals(List.of(new ScriptCell(1, Optional.empty(), false, "// hand-written\nSystem.out.println(1);\n", 1)),
                script.cells());
        assertTrue(script.parametersCell().isEmpty());
    }

    @Test
    void acceptsWindowsLineEndingsAndEmptyCells() {
        List<ScriptCell> cells = ExportedScript.parse("// @fahr-cell 1 parameters\r\nint a = 1;\r\n// @fahr-cell 2\r\n").cells();
        assertEquals("int a = 1;", cells.get(0).source());
        assertTrue(cells.get(0).parameters());
        assertEquals("", cells.get(1).source());
        assertFalse(cells.get(1).parameters());
    }

    @Test
    void aMalformedMarkerNamesItsLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExportedScript.parse("// @fahr-cell 1\nint a;\n// @fahr-cell two\n"));
        assertTrue(e.getMessage().startsWith("line 3: malformed cell marker"), e.getMessage());
    }

    @Test
    void theExecutedNotebookIsNamedAfterTheNotebookOrTheScript() {
        assertEquals("quickstart", RunnerArguments.parse("train", "--script", "/opt/fahr/job/train.jsh",
                "--notebook-name", "quickstart.ipynb").executedNotebookBaseName());
        assertEquals("train", RunnerArguments.parse("train", "--script", "/opt/fahr/job/train.jsh")
                .executedNotebookBaseName());
    }

    @Test
    void theCommandLineNeedsTrainAndAScript() {
        assertThrows(IllegalArgumentException.class, () -> RunnerArguments.parse());
        assertThrows(IllegalArgumentException.class, () -> RunnerArguments.parse("serve", "--script", "x"));
        assertThrows(IllegalArgumentException.class, () -> RunnerArguments.parse("train"));
        assertThrows(IllegalArgumentException.class, () -> RunnerArguments.parse("train", "--script"));
        assertThrows(IllegalArgumentException.class, () -> RunnerArguments.parse("train", "--bogus", "x"));
        assertEquals("/l", RunnerArguments.parse("train", "--script", "s", "--lib", "/l").libDir().orElseThrow().toString());
    }
}
