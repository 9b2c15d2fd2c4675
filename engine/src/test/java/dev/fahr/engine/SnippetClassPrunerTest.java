package dev.fahr.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * A long session's compiles see only the classes of what later cells can name, and everything a later cell
 * can name still works: declarations, recompiled dependents, classes with nested and anonymous classes,
 * imports.
 */
class SnippetClassPrunerTest {

    static final List<String> SMALL_CELLS = List.of("1 + 1", "int x = %d; x + 1", "String s = \"v\" + %d; s.length()",
            "Math.sqrt(%d)", "for (int i = 0; i < 2; i++) { Math.abs(i); }");

    @Test
    void aLongSessionKeepsTheCompilersViewSmallAndEveryLiveDeclarationUsable() {
        try (CellEngine engine = CellEngine.builder().build()) {
            assertTrue(engine.pruner().active(), "surefire runs with the add-opens the jars declare");
            value(engine, "class Point { final int x; Point(int x) { this.x = x; }"
                    + " Runnable shout() { return new Runnable() { public void run() { System.out.print(x); } }; } }");
            value(engine, "int base = 10;");
            value(engine, "int twice(int v) { return 2 * v + base; }");
            value(engine, "import java.time.Duration;");
            for (int n = 0; n < 300; n++) {
                value(engine, SMALL_CELLS.get(n % SMALL_CELLS.size()).formatted(n));
                if (n == 150) {
                    value(engine, "int base = 20;"); // twice() is recompiled against the new base
                }
            }
            assertEquals("42", value(engine, "new Point(twice(11)).x"));
            assertEquals("1000", value(engine, "Duration.ofSeconds(1).toMillis()"));
            assertEquals("296", value(engine, "x"));
            assertEquals("4", value(engine, "s.length()"));
            assertEquals("7", value(engine, "java.util.function.IntUnaryOperator f = v -> v + 1; f.applyAsInt(6)"));
            value(engine, "new Point(3).shout().run()");
            // Point (and its anonymous Runnable), base, twice, x, s, f, the imports: a handful, not 300
            int files = engine.pruner().classFileCount();
            assertTrue(files <= 30, files + " class files after 300 cells");
        }
    }

    @Test
    void withTheKeepPropertyEveryClassStaysAsInPlainJShell() {
        System.setProperty(SnippetClassPruner.KEEP_PROPERTY, "true");
        CellEngine engine;
        try {
            engine = CellEngine.builder().build();
        } finally {
            System.clearProperty(SnippetClassPruner.KEEP_PROPERTY);
        }
        try (engine) {
            assertFalse(engine.pruner().active());
            for (int n = 0; n < 40; n++) {
                value(engine, SMALL_CELLS.get(n % SMALL_CELLS.size()).formatted(n));
            }
            assertEquals("38", value(engine, "x + 2"));
        }
    }

    @Test
    void withoutTheAddOpensCellsRunAsInPlainJShell() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                WithoutOpens.class.getName()).redirectErrorStream(true).start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("pruning=false x+1=41"), output);
    }

    /** A JVM started without the add-opens: the pruner stands aside. */
    public static final class WithoutOpens {
        public static void main(String[] args) throws IOException {
            try (CellEngine engine = CellEngine.builder().build()) {
                for (int n = 0; n < 20; n++) {
                    value(engine, SMALL_CELLS.get(n % SMALL_CELLS.size()).formatted(n));
                }
                System.out.println("pruning=" + engine.pruner().active() + " x+1=" + value(engine, "int x = 40; x + 1"));
            }
        }
    }

    private static String value(CellEngine engine, String code) {
        CellOutcome outcome = engine.run(code, CellOrigin.UNKNOWN);
        if (outcome instanceof CellOutcome.Failed failed) {
            throw new AssertionError(code + " failed: " + failed.error().traceback());
        }
        Optional<Object> value = ((CellOutcome.Completed) outcome).value();
        return value.map(String::valueOf).orElse("");
    }
}
