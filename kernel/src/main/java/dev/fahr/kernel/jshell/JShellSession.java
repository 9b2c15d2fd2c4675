package dev.fahr.kernel.jshell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Collectors;

import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.VarSnippet;

/**
 * One JShell, evaluating in this JVM. Declarations persist across calls. Not thread-safe for evaluation:
 * the kernel evaluates one cell at a time; {@link #stop()} may come from any thread.
 */
public final class JShellSession implements AutoCloseable {

    /**
     * What JShell's own command-line tool imports, so that snippets from its users work here too; the
     * training runner imports the same, so that cells compile alike in the notebook and in the job.
     */
    private static final List<String> DEFAULT_IMPORTS = List.of(
            "java.io.*", "java.math.*", "java.net.*", "java.nio.file.*", "java.util.*",
            "java.util.concurrent.*", "java.util.function.*", "java.util.prefs.*", "java.util.regex.*",
            "java.util.stream.*");

    private final JShell shell;
    private final CellExecutionControl control;
    private final StartupImports imports;
    private final List<String> startClassPath;
    private final List<String> classPath = new ArrayList<>();
    private final Map<String, SnippetOrigin> origins = new ConcurrentHashMap<>();
    /** Set by {@link #stop()}; checked between snippets, where no snippet thread exists to stop. */
    private volatile boolean stopRequested;
    /** Whether the caller brackets cells ({@link #beginCell()}); otherwise each eval is a cell of its own. */
    private volatile boolean inCell;

    /**
     * @param startupImports import statements besides JShell's usual ones, e.g. of the kernel's own API
     * @param compileApi what notebook code compiles against and runs with besides the JDK and what the user
     *     adds, see {@link NotebookApi}; empty: the JVM's whole class path, as plain JShell has it
     */
    public JShellSession(ThreadFactory cellThreads, List<String> startupImports, List<Path> compileApi) {
        CellExecutionProvider provider = new CellExecutionProvider(cellThreads,
                new NotebookLoaderDelegate(cellClassLoaderParent(compileApi)));
        JShell.Builder builder = JShell.builder().executionEngine(provider, Map.of());
        if (!compileApi.isEmpty()) {
            builder.fileManager(ScopedClassPathFileManager.scopedTo(compileApi));
        }
        this.shell = builder.build();
        this.control = provider.control();
        this.startClassPath = compileApi.isEmpty() ? JvmClassPath.entries().stream().map(Path::toString).toList() : compileApi.stream().map(Path::toString).toList();
        List<String> statements = new ArrayList<>(startupImports);
        DEFAULT_IMPORTS.forEach(name -> statements.add("import " + name + ";"));
        this.imports = new StartupImports(shell, statements);
        this.imports.evaluate();
    }

    /**
     * Compiles the code generator and the class loader once, so that the user's first cell is quick.
     * Completion is not warmed here: that would hold back the first cell (about 0.2 s) for the sake of
     * the first Tab, which may as well pay it.
     */
    public void warmUp() {
        List<SnippetEvent> events = shell.eval("1 + 1");
        events.forEach(e -> shell.drop(e.snippet()));
    }

    /**
     * Evaluates code made of any number of Java snippets, in order, and stops at the first that fails.
     *
     * @return the value of the last snippet if it is an expression
     */
    public EvalOutcome eval(String code) throws CompileException, UserCodeException, CellInterruptedException {
        return eval(code, SnippetOrigin.UNKNOWN);
    }

    /**
     * As {@link #eval(String)}; {@code origin} names the code's cell and first line so that errors and
     * stack frames point at lines the user can find.
     */
    public EvalOutcome eval(String code, SnippetOrigin origin)
            throws CompileException, UserCodeException, CellInterruptedException {
        if (!inCell) {
            stopRequested = false;
        }
        EvalOutcome outcome = EvalOutcome.NOTHING;
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = code;
        int offset = 0;
        while (!remaining.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == Completeness.EMPTY) {
                break;
            }
            int consumed = remaining.length() - info.remaining().length();
            int snippetStart = offset + leadingWhitespace(remaining);
            SnippetOrigin snippetOrigin = origin.shiftedBy(lineOf(code, snippetStart) - 1);
            if (stopRequested) {
                throw new CellInterruptedException();
            }
            if (!info.completeness().isComplete()) {
                throw new CompileException(snippetOrigin.describeLine(1)
                        + ": a statement, block or declaration is not closed\n" + sourceLine(code, snippetStart));
            }
            // An import the session started with, repeated (an extension's, say), would only cost a compile.
            if (!imports.contains(info.source())) {
                // JShell counts positions from the snippet's first character: leading whitespace would count twice.
                outcome = evalSnippet(info.source().stripLeading(), code, snippetStart, origin);
            } else {
                outcome = EvalOutcome.NOTHING;
            }
            remaining = info.remaining();
            offset += consumed;
        }
        return outcome;
    }

    private EvalOutcome evalSnippet(String source, String cell, int snippetStart, SnippetOrigin origin)
            throws CompileException, UserCodeException, CellInterruptedException {
        control.reset();
        List<SnippetEvent> events = shell.eval(source);
        imports.restoreIfOverwritten(events);
        SnippetOrigin snippetOrigin = origin.shiftedBy(lineOf(cell, snippetStart) - 1);
        for (SnippetEvent event : events) {
            if (event.causeSnippet() == null) {
                origins.put(event.snippet().id(), snippetOrigin);
            }
        }
        EvalOutcome outcome = EvalOutcome.NOTHING;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue; // an update of a dependent snippet, not the one we ran
            }
            Snippet snippet = event.snippet();
            if (event.status() == Snippet.Status.REJECTED) {
                throw compileError(snippet, cell, snippetStart, origin);
            }
            if (event.exception() != null) {
                if (control.wasStopped()) {
                    throw new CellInterruptedException();
                }
                throw ErrorTraces.toUserCodeException(event.exception(), origins);
            }
            if (control.wasStopped()) {
                throw new CellInterruptedException();
            }
            if (showsValue(snippet)) {
                outcome = EvalOutcome.of(control.takeLastValue());
            }
        }
        return outcome;
    }

    private static boolean showsValue(Snippet snippet) {
        return snippet.kind() == Snippet.Kind.EXPRESSION
                || (snippet instanceof VarSnippet
                && snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
    }

    private CompileException compileError(Snippet snippet, String cell, int snippetStart, SnippetOrigin origin) {
        String message = shell.diagnostics(snippet)
                .filter(Diag::isError)
                .map(d -> describe(d, cell, snippetStart, origin))
                .collect(Collectors.joining("\n"));
        if (message.isEmpty()) {
            message = "this code could not be compiled\n" + sourceLine(cell, snippetStart);
        }
        return new CompileException(message);
    }

    private static String describe(Diag diag, String cell, int snippetStart, SnippetOrigin origin) {
        int position = snippetStart + (int) Math.max(0, diag.getStartPosition());
        String where = origin.describeLine(lineOf(cell, position));
        return where + ": " + diag.getMessage(Locale.ROOT) + "\n" + sourceLine(cell, position);
    }

    /** The source line holding {@code position}, with a caret under the offending column. */
    static String sourceLine(String text, int position) {
        int safe = Math.min(Math.max(position, 0), text.length());
        int start = text.lastIndexOf('\n', safe - 1) + 1;
        int end = text.indexOf('\n', safe);
        String line = text.substring(start, end < 0 ? text.length() : end);
        return line + "\n" + " ".repeat(Math.max(0, safe - start)) + "^";
    }

    static int lineOf(String text, int position) {
        int line = 1;
        for (int i = 0; i < Math.min(position, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int leadingWhitespace(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Brackets a cell made of several evals (code between magics): a stop stops the rest of the cell.
     * An interrupt aimed at an earlier cell no longer applies.
     */
    public void beginCell() {
        stopRequested = false;
        inCell = true;
    }

    public void endCell() {
        inCell = false;
    }

    /** Stops the running cell: its running snippet, and every snippet after it; safe from any thread. */
    public void stop() {
        stopRequested = true;
        control.stop();
    }

    public void addToClasspath(String path) {
        shell.addToClasspath(path);
        classPath.add(path);
    }

    /** What notebook code compiles against besides the JDK: the notebook API, then what was added, in order. */
    public List<String> compileClassPath() {
        List<String> entries = new ArrayList<>(startClassPath);
        entries.addAll(classPath);
        return entries;
    }

    /** The JDK and the notebook API only; with no API (see the constructor), the kernel's class loader. */
    private static ClassLoader cellClassLoaderParent(List<Path> compileApi) {
        ClassLoader kernel = JShellSession.class.getClassLoader();
        return compileApi.isEmpty() ? kernel : new NotebookApiClassLoader(kernel, compileApi);
    }


    public SourceCodeAnalysis analysis() {
        return shell.sourceCodeAnalysis();
    }

    @Override
    public void close() {
        shell.close();
    }
}
