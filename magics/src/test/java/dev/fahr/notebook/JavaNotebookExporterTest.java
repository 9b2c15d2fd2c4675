package dev.fahr.notebook;

import dev.fahr.runtime.HyperparameterType;

import dev.fahr.resolver.MavenCoordinate;

import static dev.fahr.notebook.NotebookReaderErrorsTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaNotebookExporterTest {

    private static final JsonFields JAVA_KERNEL =
            JsonFields.parse("{\"kernelspec\": {\"name\": \"java\", \"display_name\": \"Java\", \"language\": \"java\"}}");

    @TempDir
    Path folder;

    private ExportResult export(Cell... cells) {
        Notebook notebook = Notebook.builder().metadata(JAVA_KERNEL).cells(List.of(cells)).build();
        return new JavaNotebookExporter().export(notebook, folder.resolve("quickstart.ipynb"));
    }

    private static Cell code(String id, String source, String... tags) {
        return Cell.builder(CellType.CODE).id(id).source(source).tags(tags).build();
    }

    @Test
    void exportsTheDocumentedFormat() {
        ExportResult result = export(
                Cell.markdown("# Quickstart\nTrains a model."),
                code("a0", "%fahr_init --train-image default-cpu\n%maven org.apache.commons:commons-math3:3.6.1\n"
                        + "%jars lib/foo.jar"),
                code("5f2a1c", "int epochs = 10;\ndouble lr = 0.1;", "parameters"),
                code("9bd0e2", "for (int i = 0; i < epochs; i++) {\n    System.out.println(i * lr);\n}\n"));

        assertEquals("""
                // Exported by fahr from quickstart.ipynb; edit the notebook, not this file.
                //DEPS org.apache.commons:commons-math3:3.6.1
                //JARS lib/foo.jar

                // @fahr-cell 3 id=5f2a1c parameters
                int epochs = 10;
                double lr = 0.1;

                // @fahr-cell 4 id=9bd0e2
                for (int i = 0; i < epochs; i++) {
                    System.out.println(i * lr);
                }
                """, result.script());
        assertEquals("quickstart.jsh", result.fileName());
        assertEquals(NotebookLanguage.JAVA, result.language());
        assertEquals(List.of(new ExportedCell(3, Optional.of("5f2a1c"), true), new ExportedCell(4, Optional.of("9bd0e2"), false)),
                result.cells());
        assertEquals(List.of(new Parameter("epochs", HyperparameterType.INT, "10"), new Parameter("lr", HyperparameterType.DOUBLE, "0.1")),
                result.parameters());
    }

    @Test
    void cellsWithoutIdsAndWithoutParametersHaveBareMarkers() {
        ExportResult result = export(Cell.code("int a = 1;"), Cell.markdown("## Next"), Cell.code("a + 1"));
        assertEquals("""
                // Exported by fahr from quickstart.ipynb; edit the notebook, not this file.

                // @fahr-cell 1
                int a = 1;

                // @fahr-cell 3
                a + 1
                """, result.script());
        assertEquals(List.of(), result.parameters());
        assertEquals(DependencyDirectives.none(), result.dependencies());
    }

    @Test
    void skippedCellsAndDisplayMagicsAreLeftOut() {
        ExportResult result = export(
                code("s1", "plot(data);", "fahr:skip"),
                code("h1", "%%html\n<b>report</b>"),
                code("m1", "%%markdown\n# Title"),
                code("t1", "%%time\nlong total = train();"),
                code("c1", "%lsmagic\n%classpath\n%time int warm = warmUp();\n%timeit step();\nint x = 7 %\n    3;"));

        assertEquals("""
                // Exported by fahr from quickstart.ipynb; edit the notebook, not this file.

                // @fahr-cell 4 id=t1
                // %%time
                long total = train();

                // @fahr-cell 5 id=c1
                // %lsmagic
                // %classpath
                int warm = warmUp();
                step();
                int x = 7 %
                    3;
                """, result.script());
        assertEquals(List.of(4, 5), result.cells().stream().map(ExportedCell::number).toList());
    }

    @Test
    void aMagicIsWhatTheKernelCallsAMagicAndItsLineKeepsItsNumber() {
        // The kernel's parser and the export's once disagreed: %fahr_init? and names with '.' or '-' stayed code.
        ExportResult result = export(code("k1", "%fahr_init?\n%fahr_status latest\n\nint line4 = 4;\n%fahr_fit\nint line6 = 6;"));
        assertEquals("""
                // Exported by fahr from quickstart.ipynb; edit the notebook, not this file.

                // @fahr-cell 1 id=k1
                // %fahr_init?
                // %fahr_status latest

                int line4 = 4;
                // %fahr_fit
                int line6 = 6;
                """, result.script());
        assertContains(assertThrows(NotebookException.class, () -> export(code("k3", "%my.magic-x now"))).getMessage(),
                "uses the magic %my.magic-x");
        assertEquals("", export(code("k2", "%fahr_status\n  %fahr_logs latest")).script().lines()
                .filter(line -> line.startsWith("// @fahr-cell")).findAny().orElse(""), "a cell of magics only runs nothing");
    }

    @Test
    void loadIsInlinedRelativeToTheNotebookFolder() throws IOException {
        Files.createDirectories(folder.resolve("lib"));
        Files.writeString(folder.resolve("lib/helpers.jsh"), "%maven com.google.guava:guava:33.4.0-jre\n"
                + "int square(int x) { return x * x; }\n");
        ExportResult result = export(code("l1", "%load lib/helpers.jsh\nsquare(3)"));

        assertEquals("""
                // Exported by fahr from quickstart.ipynb; edit the notebook, not this file.
                //DEPS com.google.guava:guava:33.4.0-jre

                // @fahr-cell 1 id=l1
                // fahr: inlined from %load lib/helpers.jsh
                // %maven com.google.guava:guava:33.4.0-jre
                int square(int x) { return x * x; }
                square(3)
                """, result.script());
    }

    @Test
    void missingLoadFileIsANotebookException() {
        NotebookException error = assertThrows(NotebookException.class, () -> export(code("l1", "%load nowhere.jsh")));
        assertContains(error.getMessage(), "quickstart.ipynb, cell 1", "%load nowhere.jsh",
                folder.resolve("nowhere.jsh").toString(), "relative to the notebook's folder");
    }

    @Test
    void dependencyDirectivesAreCollectedInOrder() {
        ExportResult result = export(
                code("d1", "%maven org.a:one:1.0, org.b:two:jar:linux-x86_64:2.0 org.c:three:[1.0,2.0)\n"
                        + "%mavenRepo jitpack https://jitpack.io\n"
                        + "%addMavenDependency org.d:four:4\n"
                        + "%classpath build/classes\n"
                        + "%jars lib/*.jar extra/x.jar\n"
                        + "int ready = 1;"));

        DependencyDirectives directives = result.dependencies();
        assertEquals(List.of("org.a:one:1.0", "org.b:two:jar:linux-x86_64:2.0", "org.c:three:[1.0,2.0)", "org.d:four:4"),
                directives.coordinates().stream().map(MavenCoordinate::toString).toList());
        assertEquals(new MavenCoordinate("org.b", "two", "jar", "linux-x86_64", "2.0"), directives.coordinates().get(1));
        assertEquals(List.of(new MavenRepository("jitpack", URI.create("https://jitpack.io"))), directives.repositories());
        assertEquals(List.of("build/classes", "lib/*.jar", "extra/x.jar"), directives.jars());
        assertEquals("""
                // Exported by fahr from quickstart.ipynb; edit the notebook, not this file.
                //DEPS org.a:one:1.0
                //DEPS org.b:two:jar:linux-x86_64:2.0
                //DEPS org.c:three:[1.0,2.0)
                //DEPS org.d:four:4
                //REPOS jitpack=https://jitpack.io
                //JARS build/classes
                //JARS lib/*.jar
                //JARS extra/x.jar

                // @fahr-cell 1 id=d1
                // %maven org.a:one:1.0, org.b:two:jar:linux-x86_64:2.0 org.c:three:[1.0,2.0)
                // %mavenRepo jitpack https://jitpack.io
                // %addMavenDependency org.d:four:4
                // %classpath build/classes
                // %jars lib/*.jar extra/x.jar
                int ready = 1;
                """, result.script());
    }

    @Test
    void malformedCoordinateNamesTheCellAndTheForm() {
        NotebookException error = assertThrows(NotebookException.class,
                () -> export(Cell.markdown("x"), code("d1", "%maven commons-math3:3.6.1")));
        assertContains(error.getMessage(), "quickstart.ipynb, cell 2", "'commons-math3:3.6.1'",
                "groupId:artifactId:version", "org.apache.commons:commons-math3:3.6.1");
        assertContains(assertThrows(NotebookException.class, () -> export(code("d1", "%maven org.x:y z:1"))).getMessage(),
                "'org.x:y'");
        assertContains(assertThrows(NotebookException.class, () -> export(code("d1", "%maven org.x::1"))).getMessage(),
                "artifactId is empty");
        assertContains(assertThrows(NotebookException.class, () -> export(code("r1", "%mavenRepo onlyid"))).getMessage(),
                "%mavenRepo takes an id and a URL");
    }

    @Test
    void kernelOnlyMagicsAreRefusedWithTheFix() {
        assertContains(assertThrows(NotebookException.class, () -> export(code("u1", "%whos"))).getMessage(),
                "cell 1", "%whos", "tag the cell fahr:skip");
        assertContains(assertThrows(NotebookException.class, () -> export(code("u1", "%%bash\nls"))).getMessage(),
                "%%bash", "fahr:skip");
        // The same magic in a skipped cell is fine.
        assertEquals(List.of(), export(code("u1", "%whos", "fahr:skip")).cells());
    }

    @Test
    void pythonNotebookAndTwoParameterCellsAreRefused() {
        Notebook python = Notebook.builder()
                .metadata(JsonFields.parse("{\"kernelspec\": {\"name\": \"python3\", \"language\": \"python\"}}"))
                .addCell(Cell.code("x = 1")).build();
        assertContains(assertThrows(NotebookException.class,
                () -> new JavaNotebookExporter().export(python, folder.resolve("p.ipynb"))).getMessage(),
                "p.ipynb is a Python notebook");
        assertContains(assertThrows(NotebookException.class, () -> export(
                code("p1", "int a = 1;", "parameters"), code("p2", "int b = 2;", "parameters"))).getMessage(),
                "cells 1 and 2 are both tagged 'parameters'");
    }

    @Test
    void badParametersCellIsRefused() {
        assertContains(assertThrows(NotebookException.class,
                () -> export(Cell.markdown("# P"), code("p1", "int epochs = 10;\nchar grade = 'a';", "parameters"))).getMessage(),
                "quickstart.ipynb, cell 2 (parameters), line 2", "char grade = 'a';", "int, long, short, float, double, boolean, String");
    }

    @Test
    void exportsAFileReadFromDisk() throws IOException {
        Path file = folder.resolve("train.ipynb");
        new NotebookWriter().write(Notebook.builder().metadata(JAVA_KERNEL)
                .addCell(code("x1", "System.out.println(\"hi\");")).build(), file);
        ExportResult result = new JavaNotebookExporter().export(file);
        assertEquals("train.jsh", result.fileName());
        assertContains(result.script(), "from train.ipynb;", "// @fahr-cell 1 id=x1\nSystem.out.println(\"hi\");\n");
    }
}
