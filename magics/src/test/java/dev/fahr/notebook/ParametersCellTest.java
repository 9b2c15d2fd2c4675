package dev.fahr.notebook;

import dev.fahr.runtime.HyperparameterType;

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
                new Parameter("epochs", HyperparameterType.INT, "10"),
                new Parameter("seed", HyperparameterType.LONG, "42L"),
                new Parameter("lr", HyperparameterType.DOUBLE, "1e-3"),
                new Parameter("momentum", HyperparameterType.DOUBLE, "1"),
                new Parameter("augment", HyperparameterType.BOOLEAN, "true"),
                new Parameter("optimizer", HyperparameterType.STRING, "\"adam \\\"v2\\\"\""),
                new Parameter("batch", HyperparameterType.INT, "1_024")), parameters);
    }

    @Test
    void varWithALiteralIsInferred() {
        assertEquals(List.of(
                new Parameter("a", HyperparameterType.INT, "-3"),
                new Parameter("b", HyperparameterType.LONG, "3L"),
                new Parameter("c", HyperparameterType.DOUBLE, "0.5"),
                new Parameter("d", HyperparameterType.BOOLEAN, "false"),
                new Parameter("e", HyperparameterType.STRING, "\"x\"")),
                ParametersCell.parseJava("var a = -3;\nvar b = 3L;\nvar c = 0.5;\nvar d = false;\nvar e = \"x\";", "c"));
    }

    @Test
    void unsupportedJavaLinesNameTheLineAndTheTypes() {
        for (String line : List.of("char grade = 'a';", "int epochs = 5 * 2;", "int epochs;", "var list = List.of(1);",
                "int a = 1, b = 2;", "System.out.println(1);")) {
            String message = assertThrows(NotebookException.class,
                    () -> ParametersCell.parseJava("int ok = 1;\n" + line, "nb.ipynb, cell 3 (parameters)")).getMessage();
            assertContains(message, "nb.ipynb, cell 3 (parameters), line 2", line,
                    "int, long, short, float, double, boolean, String");
        }
    }

    @Test
    void everyTypeTheRunnerCanOverrideIsAParameterTypeAndNoOther() {
        // The export and the runner once disagreed: float and short ran in the job but failed the export.
        assertEquals(List.of(
                new Parameter("lr", HyperparameterType.FLOAT, "0.1f"),
                new Parameter("steps", HyperparameterType.SHORT, "300"),
                new Parameter("boxed", HyperparameterType.DOUBLE, "2.5"),
                new Parameter("flag", HyperparameterType.BOOLEAN, "true"),
                new Parameter("name", HyperparameterType.STRING, "\"x\"")),
                ParametersCell.parseJava("float lr = 0.1f;\nshort steps = 300;\nDouble boxed = 2.5;\n"
                        + "java.lang.Boolean flag = true;\nString name = \"x\";", "c"));
        for (HyperparameterType type : HyperparameterType.values()) {
            String literal = switch (type) {
                case STRING -> "\"v\"";
                case BOOLEAN -> "false";
                case FLOAT -> "1.5f";
                case DOUBLE -> "1.5";
                case LONG -> "7L";
                default -> "7";
            };
            assertEquals(type, ParametersCell.parseJava(type.javaName() + " v = " + literal + ";", "c").get(0).type());
        }
        assertEquals(HyperparameterType.FLOAT, ParametersCell.parseJava("var lr = 0.5f;", "c").get(0).type(),
                "var takes the literal's type, as JShell gives it");
        assertContains(assertThrows(NotebookException.class, () -> ParametersCell.parseJava("short s = 40000;", "c"))
                .getMessage(), "another type");
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
                new Parameter("epochs", HyperparameterType.INT, "10"),
                new Parameter("lr", HyperparameterType.DOUBLE, "0.1"),
                new Parameter("augment", HyperparameterType.BOOLEAN, "True"),
                new Parameter("optimizer", HyperparameterType.STRING, "'adam'"),
                new Parameter("name", HyperparameterType.STRING, "\"run #1\""),
                new Parameter("batch", HyperparameterType.INT, "32")),
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
