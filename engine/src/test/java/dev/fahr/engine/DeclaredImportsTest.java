package dev.fahr.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up imports that jars declare, as the kernel and the training runner both read them. */
class DeclaredImportsTest {

    @TempDir
    Path temp;

    @Test
    void everyListIsReadInClassPathOrderWithoutCommentsOrRepeats() throws Exception {
        Path first = list("first", "# the display functions\nimport static a.A.*;\n\nimport b.B;\n");
        Path second = list("second", "import b.B;\n   import c.C;   \n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {first.toUri().toURL(), second.toUri().toURL()}, null)) {
            assertEquals(List.of("import static a.A.*;", "import b.B;", "import c.C;"), DeclaredImports.of(loader));
        }
    }

    @Test
    void thisBuildDeclaresTheDisplayFunctions() {
        assertEquals(true, DeclaredImports.of(CellEngine.class.getClassLoader())
                .contains("import static dev.fahr.display.Displays.*;"));
    }

    private Path list(String folder, String text) throws Exception {
        Path root = temp.resolve(folder);
        Path file = root.resolve(DeclaredImports.RESOURCE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return root;
    }
}
