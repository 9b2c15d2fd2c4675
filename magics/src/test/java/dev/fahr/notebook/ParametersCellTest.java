package dev.fahr.notebook;

import static dev.fahr.notebook.NotebookReaderErrorsTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParametersCellTest {

    @Test
    void javaDeclarationsAreTyped() {
        List<Parameter> parameters = ParametersCell.parseJava("""
                // Training parameters
                int epochs = 10;
                long seed = 42L;   // fixed seed
                double lr = 1e-3;
                double momentum = 1;
                boolean augment = true;
                String optimizer = "adam \\"v2\\"";
                /* block
                   comment */
                final int batch = 1_024;
                """, "cell 1");
        assertEquals(List.of(
                new Parameter("epochs", ParameterType.INT, "10"),
                new Parameter("seed", ParameterType.LONG, "42L"),
                new Parameter("lr", ParameterType.DOUBLE, "1e-3"),
                new Parameter("momentum", ParameterType.DOUBLE, "1"),
                new Parameter("augment", ParameterType.BOOLEAN, "true"),
                new Parameter("optimizer", ParameterType.STRING, "\"adam \\\"v2\\\"\""),
                new Parameter("batch", ParameterType.INT, "1_024")), parameters);
    }

    @Test
    void varWithALiteralIsInferred() {
        assertEquals(List.of(
                new Parameter("a", ParameterType.INT, "-3"),
                new Parameter("b", ParameterType.LONG, "3L"),
                new Parameter("c", ParameterType.DOUBLE, "0.5"),
                new Parameter("d", ParameterType.BOOLEAN, "false"),
                new Parameter("e", ParameterType.STRING, "\"x\"")),
                ParametersCell.parseJava("var a = -3;\nvar b = 3L;\nvar c = 0.5;\nvar d = false;\nvar e = \"x\";", "c"));
    }

    @Test
    void unsupportedJavaLinesNameTheLineAndTheTypes() {
        for (String line : List.of("float lr = 0.1f;", "int epochs = 5 * 2;", "int epochs;", "var list = List.of(1);",
                "int a = 1, b = 2;", "System.out.println(1);")) {
            String message = assertThrows(NotebookException.class,
                    () -> ParametersCell.parseJava("int ok = 1;\n" + line, "nb.ipynb, cell 3 (parameters)")).getMessage();
            assertContains(message, "nb.ipynb, cell 3 (parameters), line 2", line, "int, long, double, boolean, String");
        }
    }

    @Test
    void literalMustMatchTheDeclaredType() {
        assertContains(assertThrows(NotebookException.class, () -> ParametersCell.parseJava("int n = \"ten\";", "c")).getMessage(),
                "line 1", "int parameter a value of another type");
        assertContains(assertThrows(NotebookException.class, () -> ParametersCell.parseJava("int n = 0.5;", "c")).getMessage(),
                "another type");
        assertContains(assertThrows(NotebookException.class, () -> ParametersCell.parseJava("int n = 3000000000;", "c")).getMessage(),
                "another type");
        assertContains(assertThrows(NotebookException.class, () -> ParametersCell.parseJava("int n = 1;\nlong n = 2;", "c")).getMessage(),
                "line 2", "'n' is declared twice");
    }

    @Test
    void pythonAssignmentsAreTyped() {
        assertEquals(List.of(
                new Parameter("epochs", ParameterType.INT, "10"),
                new Parameter("lr", ParameterType.DOUBLE, "0.1"),
                new Parameter("augment", ParameterType.BOOLEAN, "True"),
                new Parameter("optimizer", ParameterType.STRING, "'adam'"),
                new Parameter("name", ParameterType.STRING, "\"run #1\""),
                new Parameter("batch", ParameterType.INT, "32")),
                ParametersCell.parsePython("""
                        # defaults
                        epochs = 10
                        lr = 0.1  # learning rate
                        augment = True
                        optimizer = 'adam'
                        name = "run #1"
                        batch: int = 32
                        """, "c"));
        assertContains(assertThrows(NotebookException.class,
                () -> ParametersCell.parsePython("sizes = [1, 2]", "train.ipynb, cell 2 (parameters)")).getMessage(),
                "train.ipynb, cell 2 (parameters), line 1", "sizes = [1, 2]", "int, float, bool or str");
    }
}
