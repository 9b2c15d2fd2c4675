package dev.fahr.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JShell session on its own, without a kernel or Jupyter. One session: starting JShell costs seconds. */
class JShellSessionTest {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ThreadFactory CELL_THREADS = r -> {
        Thread t = new Thread(r, "test-cell-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    };

    private static JShellSession session;

    @BeforeAll
    static void start() {
        session = new JShellSession(CELL_THREADS, List.of(), List.of());
    }

    @AfterAll
    static void close() {
        session.close();
    }

    private static Object value(String code) throws Exception {
        return session.eval(code).valueIfAny().orElseThrow(() -> new AssertionError("no value for " + code));
    }

    @Test
    void expressionsHaveTheirValueObject() throws Exception {
        assertEquals(42, value("6 * 7"));
        Object builder = value("new StringBuilder(\"ab\").append('c')");
        assertInstanceOf(StringBuilder.class, builder);
        assertEquals("abc", builder.toString());
    }

    @Test
    void statementsAndDeclarationsHaveNoValue() throws Exception {
        assertFalse(session.eval("int noValue = 3;").hasValue());
        assertFalse(session.eval("if (noValue > 0) { noValue++; }").hasValue());
        assertFalse(session.eval("void nothing() {}").hasValue());
        assertFalse(session.eval("nothing()").hasValue());
    }

    @Test
    void manySnippetsInOneCallRunInOrderAndTheLastValueCounts() throws Exception {
        assertEquals(20, value("int first = 1;\nint second = first + 1;\nsecond * 10"));
    }

    @Test
    void declarationsPersistAcrossCalls() throws Exception {
        session.eval("int kept = 5;");
        session.eval("int twice(int x) {\n    return 2 * x;\n}");
        session.eval("record Pair(int a, int b) {}");
        assertEquals(12, value("twice(kept) + new Pair(1, 1).b() + 1"));
        session.eval("kept = 6;");
        assertEquals(12, value("twice(kept)"));
    }

    @Test
    void defaultImportsAreThere() throws Exception {
        assertEquals(List.of(1, 2), value("new ArrayList<>(List.of(1, 2))"));
        assertEquals("a,b", value("Stream.of(\"a\", \"b\").collect(Collectors.joining(\",\"))"));
    }

    @Test
    void compileErrorHasTheCompilerMessageTheLineAndACaret() {
        CompileException e = assertThrows(CompileException.class,
                () -> session.eval("int okay = 1;\nint wrong = \"text\";", new SnippetOrigin("In [4]", 1)));
        List<String> lines = List.of(e.getMessage().split("\n"));
        assertEquals("In [4] line 2: incompatible types: java.lang.String cannot be converted to int", lines.get(0));
        assertEquals("int wrong = \"text\";", lines.get(1));
        assertEquals("            ^", lines.get(2));
    }

    @Test
    void compileErrorLinesCountFromTheOriginsFirstLine() {
        CompileException e = assertThrows(CompileException.class,
                () -> session.eval("\nundefinedThing + 1", new SnippetOrigin("In [9]", 3)));
        assertTrue(e.getMessage().startsWith("In [9] line 4: cannot find symbol"), e.getMessage());
        assertTrue(e.getMessage().contains("undefinedThing + 1\n^"), e.getMessage());
    }

    @Test
    void unclosedCodeIsACompileError() {
        CompileException e = assertThrows(CompileException.class, () -> session.eval("int open() {\n    return 1;"));
        assertTrue(e.getMessage().contains("is not closed"), e.getMessage());
    }

    @Test
    void aFailingSnippetStopsTheRest() {
        assertThrows(CompileException.class, () -> session.eval("int beforeFailure = 1;\nint x = ;\nint afterFailure = 2;"));
        assertThrows(CompileException.class, () -> session.eval("afterFailure"));
    }

    @Test
    void userExceptionHasTypeMessageAndUserFramesWithCellLines() {
        UserCodeException e = assertThrows(UserCodeException.class, () -> session.eval(
                "int inner(int x) {\n"
                        + "    throw new IllegalStateException(\"bad \" + x);\n"
                        + "}\n"
                        + "int outer(int x) {\n"
                        + "    return inner(x) + 1;\n"
                        + "}\n"
                        + "outer(3)", new SnippetOrigin("In [7]", 1)));
        assertEquals("IllegalStateException", e.exceptionType());
        assertEquals("bad 3", e.getMessage());
        assertEquals(List.of(
                "java.lang.IllegalStateException: bad 3",
                "\tat inner (In [7] line 2)",
                "\tat outer (In [7] line 5)",
                "\tat <cell> (In [7] line 7)"), e.traceback());
    }

    @Test
    void frameLinesOfAMethodWhoseSnippetStartsLaterInTheCell() {
        UserCodeException e = assertThrows(UserCodeException.class, () -> session.eval(
                "int unrelated = 0;\n"
                        + "int failing(int x) {\n"
                        + "    int y = x;\n"
                        + "    return y / unrelated;\n"
                        + "}\n"
                        + "failing(1)", new SnippetOrigin("In [8]", 1)));
        assertEquals("ArithmeticException", e.exceptionType());
        assertEquals(List.of(
                "java.lang.ArithmeticException: / by zero",
                "\tat failing (In [8] line 4)",
                "\tat <cell> (In [8] line 6)"), e.traceback());
    }

    @Test
    void userExceptionTraceHasNoMachineryFramesButKeepsCauses() {
        UserCodeException e = assertThrows(UserCodeException.class, () -> session.eval(
                "try {\n    Integer.parseInt(\"x\");\n} catch (NumberFormatException n) {\n"
                        + "    throw new IllegalArgumentException(\"wrapped\", n);\n}"));
        assertEquals("IllegalArgumentException", e.exceptionType());
        String trace = String.join("\n", e.traceback());
        assertTrue(trace.contains("Caused by: java.lang.NumberFormatException: For input string: \"x\""), trace);
        assertTrue(trace.contains("java.lang.Integer.parseInt"), trace);
        for (String machinery : List.of("dev.fahr.kernel", "jdk.jshell", "jdk.internal", "java.lang.reflect")) {
            assertFalse(trace.contains(machinery), trace);
        }
    }

    @Test
    void stopFromAnotherThreadEndsAnEndlessLoopAndTheSessionGoesOn() throws Exception {
        session.eval("int beforeLoop = 41;");
        // One snippet (a block): the marker is set by the very snippet that loops, so stop() finds it running.
        String marker = "fahr.test.loop." + System.nanoTime();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<EvalOutcome> loop = caller.submit(
                    () -> session.eval("{\n    System.setProperty(\"" + marker + "\", \"running\");\n    while (true) {}\n}"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.getProperty(marker) == null) {
                if (System.nanoTime() > deadline || loop.isDone()) {
                    fail("the loop did not start: " + (loop.isDone() ? loop.get() : "timeout"));
                }
                Thread.onSpinWait();
            }
            session.stop();
            try {
                loop.get(20, TimeUnit.SECONDS);
                fail("an endless loop returned");
            } catch (ExecutionException e) {
                assertInstanceOf(CellInterruptedException.class, e.getCause());
            } catch (TimeoutException e) {
                fail("stop() did not end the loop within 20 s");
            }
        } finally {
            caller.shutdownNow();
            System.clearProperty(marker);
        }
        assertEquals(42, value("beforeLoop + 1"));
    }

    @Test
    void stopWithNothingRunningIsHarmless() throws Exception {
        session.stop();
        assertEquals(3, value("1 + 2"));
    }

    @Test
    void addedClassPathIsListedAfterTheStartClassPath() {
        int before = session.compileClassPath().size();
        String folder = System.getProperty("java.io.tmpdir");
        session.addToClasspath(folder);
        assertEquals(before + 1, session.compileClassPath().size());
        assertEquals(folder, session.compileClassPath().get(before));
    }

    @Test
    void theUsualImportsHoldAfterTheUserImportsOneOfThemAgain() throws Exception {
        assertEquals("[3]", value("new ArrayList<BigInteger>(List.of(BigInteger.valueOf(3))).toString()"));
        // (word for word, a start-up import is skipped; spelled otherwise, JShell overwrites the group)
        assertTrue(session.eval("import java.io.*;").valueIfAny().isEmpty());
        session.eval("import java.io . *;");
        session.eval("import java.util.* ;");
        assertEquals("[3]", value("new ArrayList<BigInteger>(List.of(BigInteger.valueOf(3))).toString()"));
        assertEquals(true, value("Pattern.matches(\"a+\", \"aa\") && Files.class != null && Stream.of(1).count() == 1"
                + " && Preferences.class != null"));
    }

    @Test
    void anImportThatCannotBeResolvedLeavesTheOthersWorking() throws Exception {
        try (JShellSession other = new JShellSession(CELL_THREADS, List.of("import static no.such.Api.*;"), List.of())) {
            assertEquals(2, other.eval("new ArrayList<>(List.of(1, 2)).size()").valueIfAny().orElseThrow());
        }
    }
}
