package dev.fahr.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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

/** The cell engine on its own, without a kernel, Jupyter or a job. One engine: starting JShell costs seconds. */
class CellEngineTest {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ThreadFactory CELL_THREADS = r -> {
        Thread t = new Thread(r, "test-cell-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    };

    private static CellEngine session;

    @BeforeAll
    static void start() {
        session = CellEngine.builder().threads(CELL_THREADS).build();
    }

    @AfterAll
    static void close() {
        session.close();
    }

    private static CellOutcome.Completed run(String code) {
        return run(session, code, CellOrigin.UNKNOWN);
    }

    private static CellOutcome.Completed run(CellEngine engine, String code, CellOrigin origin) {
        CellOutcome outcome = engine.run(code, origin);
        if (outcome instanceof CellOutcome.Failed failed) {
            throw new AssertionError(code + " failed: " + failed.error().traceback());
        }
        return (CellOutcome.Completed) outcome;
    }

    private static Object value(String code) {
        return run(code).value().orElseThrow(() -> new AssertionError("no value for " + code));
    }

    private static CellError error(String code, CellOrigin origin) {
        CellOutcome outcome = session.run(code, origin);
        if (outcome instanceof CellOutcome.Failed failed) {
            return failed.error();
        }
        throw new AssertionError(code + " did not fail: " + outcome);
    }

    private static CellError error(String code) {
        return error(code, CellOrigin.UNKNOWN);
    }

    @Test
    void expressionsHaveTheirValueObject() throws Exception {
        assertEquals(42, value("6 * 7"));
        Object builder = value("new StringBuilder(\"ab\").append('c')");
        assertInstanceOf(StringBuilder.class, builder);
        assertEquals("abc", builder.toString());
    }

    @Test
    void anExpressionsValueIsNotKeptAsATempVariableThatEveryLaterSnippetWouldImport() throws Exception {
        for (int i = 0; i < 30; i++) {
            assertEquals(41 + i, value("41 + " + i));
        }
        List<String> left = java.util.stream.IntStream.rangeClosed(1, 2_000).mapToObj(n -> "$" + n)
                .filter(name -> session.valueText(name).isPresent()).toList();
        assertEquals(List.of(), left, "no $N variable is left active");
        assertEquals(43, value("int kept = 42; kept + 1"), "named variables stay");
        assertEquals("42", session.valueText("kept").orElseThrow());
    }

    @Test
    void statementsAndDeclarationsHaveNoValue() throws Exception {
        assertTrue(run("int noValue = 3;").value().isEmpty());
        assertTrue(run("if (noValue > 0) { noValue++; }").value().isEmpty());
        assertTrue(run("void nothing() {}").value().isEmpty());
        assertTrue(run("nothing()").value().isEmpty());
        assertTrue(run("(String) null").value().isEmpty(), "null is not shown, as ipykernel shows no None");
    }

    @Test
    void theVariablesACellDeclaresAreReportedWithTheirTypes() {
        assertEquals(java.util.Map.of("epochs", "int", "rate", "double", "name", "String"),
                run("int epochs = 10;\ndouble rate = 0.1;\nvar name = \"x\";\nepochs * 2").variables());
        assertEquals("10", session.valueText("epochs").orElseThrow());
        assertTrue(session.valueText("noSuchVariable").isEmpty());
    }

    @Test
    void manySnippetsInOneCallRunInOrderAndTheLastValueCounts() throws Exception {
        assertEquals(20, value("int first = 1;\nint second = first + 1;\nsecond * 10"));
    }

    @Test
    void declarationsPersistAcrossCalls() throws Exception {
        run("int kept = 5;");
        run("int twice(int x) {\n    return 2 * x;\n}");
        run("record Pair(int a, int b) {}");
        assertEquals(12, value("twice(kept) + new Pair(1, 1).b() + 1"));
        run("kept = 6;");
        assertEquals(12, value("twice(kept)"));
    }

    @Test
    void defaultImportsAreThere() throws Exception {
        assertEquals(List.of(1, 2), value("new ArrayList<>(List.of(1, 2))"));
        assertEquals("a,b", value("Stream.of(\"a\", \"b\").collect(Collectors.joining(\",\"))"));
    }

    @Test
    void compileErrorHasTheCompilerMessageTheLineAndACaret() {
        CellError e = error("int okay = 1;\nint wrong = \"text\";", new CellOrigin("In [4]", 1));
        assertEquals(CellError.Kind.COMPILE, e.kind());
        assertEquals("CompileError", e.name());
        assertEquals("In [4] line 2: incompatible types: java.lang.String cannot be converted to int", e.message());
        assertEquals(List.of("CompileError: In [4] line 2: incompatible types: java.lang.String cannot be converted to int",
                "int wrong = \"text\";", "            ^"), e.traceback());
    }

    @Test
    void compileErrorLinesCountFromTheOriginsFirstLine() {
        CellError e = error("\nundefinedThing + 1", new CellOrigin("In [9]", 3));
        assertTrue(e.message().startsWith("In [9] line 4: cannot find symbol"), e.message());
        String trace = String.join("\n", e.traceback());
        assertTrue(trace.contains("undefinedThing + 1\n^"), trace);
        assertTrue(trace.contains("symbol:   variable undefinedThing"), trace);
        assertFalse(trace.contains("location: class"), "JShell's wrapper class is not the user's: " + trace);
    }

    @Test
    void unclosedCodeIsACompileError() {
        CellError e = error("int fine = 1;\nint open() {\n    return 1;", new CellOrigin("cell 3", 1));
        assertEquals(CellError.Kind.COMPILE, e.kind());
        assertEquals("cell 3 line 2: a statement, block or declaration is not closed", e.message());
        assertEquals(List.of("CompileError: cell 3 line 2: a statement, block or declaration is not closed",
                "int open() {", "^"), e.traceback());
    }

    @Test
    void aFailingSnippetStopsTheRest() {
        assertEquals(CellError.Kind.COMPILE, error("int beforeFailure = 1;\nint x = ;\nint afterFailure = 2;").kind());
        assertEquals(CellError.Kind.COMPILE, error("afterFailure").kind());
    }

    @Test
    void userExceptionHasTypeMessageAndUserFramesWithCellLines() {
        CellError e = error((
                "int inner(int x) {\n"
                        + "    throw new IllegalStateException(\"bad \" + x);\n"
                        + "}\n"
                        + "int outer(int x) {\n"
                        + "    return inner(x) + 1;\n"
                        + "}\n"
                        + "outer(3)"), new CellOrigin("In [7]", 1));
        assertEquals(CellError.Kind.EXCEPTION, e.kind());
        assertEquals("IllegalStateException", e.name());
        assertEquals("bad 3", e.message());
        assertEquals(List.of(
                "java.lang.IllegalStateException: bad 3",
                "\tat inner (In [7] line 2)",
                "\tat outer (In [7] line 5)",
                "\tat <cell> (In [7] line 7)"), e.traceback());
    }

    @Test
    void frameLinesOfAMethodWhoseSnippetStartsLaterInTheCell() {
        CellError e = error((
                "int unrelated = 0;\n"
                        + "int failing(int x) {\n"
                        + "    int y = x;\n"
                        + "    return y / unrelated;\n"
                        + "}\n"
                        + "failing(1)"), new CellOrigin("In [8]", 1));
        assertEquals("ArithmeticException", e.name());
        assertEquals(List.of(
                "java.lang.ArithmeticException: / by zero",
                "\tat failing (In [8] line 4)",
                "\tat <cell> (In [8] line 6)"), e.traceback());
    }

    @Test
    void userExceptionTraceHasNoMachineryFramesButKeepsCauses() {
        CellError e = error("try {\n    Integer.parseInt(\"x\");\n} catch (NumberFormatException n) {\n"
                        + "    throw new IllegalArgumentException(\"wrapped\", n);\n}");
        assertEquals("IllegalArgumentException", e.name());
        String trace = String.join("\n", e.traceback());
        assertTrue(trace.contains("Caused by: java.lang.NumberFormatException: For input string: \"x\""), trace);
        assertTrue(trace.contains("java.lang.Integer.parseInt"), trace);
        for (String machinery : List.of("dev.fahr.engine", "jdk.jshell", "jdk.internal", "java.lang.reflect",
                "java.lang.Thread.run")) {
            assertFalse(trace.contains(machinery), trace);
        }
    }

    @Test
    void stopFromAnotherThreadEndsAnEndlessLoopAndTheSessionGoesOn() throws Exception {
        run("int beforeLoop = 41;");
        // One snippet (a block): the marker is set by the very snippet that loops, so stop() finds it running.
        String marker = "fahr.test.loop." + System.nanoTime();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<CellOutcome> loop = caller.submit(() -> session.run(
                    "{\n    System.setProperty(\"" + marker + "\", \"running\");\n    while (true) {}\n}", CellOrigin.UNKNOWN));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.getProperty(marker) == null) {
                if (System.nanoTime() > deadline || loop.isDone()) {
                    fail("the loop did not start: " + (loop.isDone() ? loop.get() : "timeout"));
                }
                Thread.onSpinWait();
            }
            session.stop();
            try {
                CellOutcome stopped = loop.get(20, TimeUnit.SECONDS);
                assertEquals(CellError.Kind.INTERRUPTED, assertInstanceOf(CellOutcome.Failed.class, stopped).error().kind());
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
        java.nio.file.Path folder = java.nio.file.Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        session.addToClasspath(folder);
        assertEquals(before + 1, session.compileClassPath().size());
        assertEquals(folder.toString(), session.compileClassPath().get(before));
    }

    @Test
    void theUsualImportsHoldAfterTheUserImportsOneOfThemAgain() throws Exception {
        assertEquals("[3]", value("new ArrayList<BigInteger>(List.of(BigInteger.valueOf(3))).toString()"));
        // (word for word, a start-up import is skipped; spelled otherwise, JShell overwrites the group)
        assertTrue(run("import java.io.*;").value().isEmpty());
        run("import java.io . *;");
        run("import java.util.* ;");
        assertEquals("[3]", value("new ArrayList<BigInteger>(List.of(BigInteger.valueOf(3))).toString()"));
        assertEquals(true, value("Pattern.matches(\"a+\", \"aa\") && Files.class != null && Stream.of(1).count() == 1"
                + " && Preferences.class != null"));
    }

    @Test
    void anImportThatCannotBeResolvedLeavesTheOthersWorking() throws Exception {
        try (CellEngine other = CellEngine.builder().threads(CELL_THREADS)
                .imports(List.of("import static no.such.Api.*;")).build()) {
            assertEquals(2, run(other, "new ArrayList<>(List.of(1, 2)).size()", CellOrigin.UNKNOWN).value().orElseThrow());
        }
    }

    @Test
    void aMethodMayUseWhatALaterCellDeclaresButCallingItEarlierNamesWhatIsMissing() {
        assertTrue(run("int usesLater() {\n    return definedLater() + 1;\n}").value().isEmpty(),
                "a forward reference is fine, as in JShell");
        CellError e = error("usesLater()");
        assertEquals(CellError.Kind.UNRESOLVED, e.kind());
        assertEquals("usesLater cannot run before method definedLater() is defined", e.message());
        run("int definedLater() {\n    return 41;\n}");
        assertEquals(42, value("usesLater()"));
    }

    @Test
    void displaysGoToTheSinkBoundToTheThreadAndTheHandleIsNotTheCellsValue() {
        RecordingSink sink = new RecordingSink();
        dev.fahr.display.DisplaySink.bindToCurrentThread(sink);
        try {
            CellOutcome.Completed shown = run("var d = display(html(\"<b>one</b>\"));\ndisplay(text(\"two\"))");
            assertTrue(shown.value().isEmpty(), "the handle display(...) returns is not shown again");
            run("d.update(markdown(\"*three*\"));\nupdateDisplay(d, 4)");
            // a background thread a cell started keeps showing into the same sink
            run("var t = new Thread(() -> display(\"from a thread\"));\nt.start();\nt.join();");
        } finally {
            dev.fahr.display.DisplaySink.unbindCurrentThread();
        }
        assertEquals(List.of("show text/html <b>one</b>", "show text/plain two", "update text/markdown *three*",
                "update text/plain 4", "show text/plain from a thread"), sink.events);
    }

    @Test
    void withoutASinkDisplaysPrintTheirText() {
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true));
        try {
            run("display(html(\"<i>plain</i> text\"));");
        } finally {
            System.setOut(original);
        }
        assertEquals("plain text" + System.lineSeparator(), printed.toString());
    }

    @Test
    void anImageValueIsRenderedAsPng() {
        dev.fahr.display.Rendering rendering = dev.fahr.display.Rendering.of(
                value("new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB)"));
        byte[] png = java.util.Base64.getDecoder().decode(rendering.data().get("image/png"));
        assertEquals("\u0089PNG", new String(png, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals("BufferedImage 3x2", rendering.data().get("text/plain"));
    }

    /** Records what reaches it, the richest MIME type of each. */
    private static final class RecordingSink implements dev.fahr.display.DisplaySink {
        final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void show(String displayId, dev.fahr.display.Rendering rendering) {
            events.add("show " + richest(rendering));
        }

        @Override
        public void update(String displayId, dev.fahr.display.Rendering rendering) {
            events.add("update " + richest(rendering));
        }

        private static String richest(dev.fahr.display.Rendering rendering) {
            return rendering.data().keySet().stream().filter(type -> !type.equals("text/plain")).findFirst()
                    .map(type -> type + " " + rendering.data().get(type))
                    .orElse("text/plain " + rendering.data().get("text/plain"));
        }
    }

    @Test
    void variablesOfARedefinedClassAreKeptResetToNullAndTheCellSaysSo() {
        run("class Tally { int n; int inc() { return ++n; } }");
        run("var viaVar = new Tally();\nTally typed = new Tally();\nvar many = new ArrayList<Tally>();\n"
                + "int count = viaVar.inc();");

        String notice = stderrOf("class Tally { int n; int inc() { n += 2; return n; } }");

        assertTrue(notice.contains("viaVar, typed, many are now null: Tally was redefined"), notice);
        assertTrue(notice.contains("Run the cell that set them again."), notice);
        assertFalse(notice.contains("count"), notice); // an int is not of the old class: it keeps its value
        assertEquals(true, value("viaVar == null && typed == null && many == null"));
        assertEquals(1, value("count"));
        run("viaVar = new Tally();");
        assertEquals(2, value("viaVar.inc()")); // the new class's method
        assertEquals("", stderrOf("class Tally { int n; int inc() { n += 2; return n; } }")); // unchanged: kept
        assertEquals(2, value("viaVar.n"));
    }

    private static String stderrOf(String code) {
        PrintStream before = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            run(code);
        } finally {
            System.setErr(before);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
