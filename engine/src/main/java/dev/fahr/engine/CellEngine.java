package dev.fahr.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import dev.fahr.display.Display;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * The one way a notebook cell's Java code runs, in the kernel and in the training job alike: split into
 * JShell snippets with JShell's own analysis, evaluated in order in this JVM, each on a thread of its own,
 * stopping at the first that fails. Declarations persist across calls.
 *
 * <p>Not thread-safe for evaluation: one cell runs at a time. {@link #stop()} may come from any thread.
 */
public final class CellEngine implements AutoCloseable {

    /**
     * What JShell's own command-line tool imports, so that snippets from its users work here too.
     */
    static final List<String> JSHELL_IMPORTS = List.of(
            "java.io.*", "java.math.*", "java.net.*", "java.nio.file.*", "java.util.*",
            "java.util.concurrent.*", "java.util.function.*", "java.util.prefs.*", "java.util.regex.*",
            "java.util.stream.*");

    private final JShell shell;
    private final SnippetClassPruner pruner;
    private final CellExecutionControl control;
    private final StartupImports imports;
    private final RedefinedTypes redefinedTypes;
    private final List<String> startClassPath;
    private final List<String> addedClassPath = new ArrayList<>();
    private final Map<String, CellOrigin> origins = new ConcurrentHashMap<>();
    /** Set by {@link #stop()}; checked between snippets, where no snippet thread exists to stop. */
    private volatile boolean stopRequested;
    /** Whether the caller brackets cells ({@link #beginCell()}); otherwise each run is a cell of its own. */
    private volatile boolean inCell;

    private CellEngine(Builder builder) {
        ClassLoader parent = builder.compileApi.isEmpty() ? builder.apiLoader
                : new NotebookApiClassLoader(builder.apiLoader, builder.compileApi);
        CellExecutionProvider provider = new CellExecutionProvider(builder.threads, new NotebookLoaderDelegate(parent));
        JShell.Builder jshell = JShell.builder().executionEngine(provider, Map.of());
        if (!builder.compileApi.isEmpty()) {
            jshell.fileManager(ScopedClassPathFileManager.scopedTo(builder.compileApi));
        }
        this.shell = jshell.build();
        this.pruner = SnippetClassPruner.of(shell);
        this.redefinedTypes = new RedefinedTypes(shell);
        this.control = provider.control();
        this.startClassPath = (builder.compileApi.isEmpty() ? JvmClassPath.entries() : builder.compileApi)
                .stream().map(Path::toString).toList();
        builder.classPath.forEach(this::addToClasspath);
        List<String> statements = new ArrayList<>(builder.imports);
        JSHELL_IMPORTS.forEach(name -> statements.add("import " + name + ";"));
        this.imports = new StartupImports(shell, statements);
        this.imports.evaluate();
    }

    /** What keeps javac's view of the session small; for tests. */
    SnippetClassPruner pruner() {
        return pruner;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How an engine is set up; what both front ends share is the default. */
    public static final class Builder {
        private ThreadFactory threads = new CellThreads();
        private ClassLoader apiLoader = CellEngine.class.getClassLoader();
        private List<Path> compileApi = List.of();
        private List<Path> classPath = List.of();
        private List<String> imports;

        private Builder() {
        }

        /** Makes the threads snippets run on; by default daemon threads named {@code fahr-cell-N}. */
        public Builder threads(ThreadFactory threads) {
            this.threads = Objects.requireNonNull(threads, "threads");
            return this;
        }

        /**
         * What cells compile against and load besides the JDK and what the user adds: folders holding just
         * the notebook API's classes, which cells then get from {@code apiLoader}. Empty, the default: the
         * JVM's whole class path, as plain JShell has it.
         */
        public Builder compileApi(List<Path> folders, ClassLoader apiLoader) {
            this.compileApi = List.copyOf(folders);
            this.apiLoader = Objects.requireNonNull(apiLoader, "apiLoader");
            return this;
        }

        /** Jars and folders added to the class path from the start, as {@link #addToClasspath} adds them later. */
        public Builder classPath(List<Path> entries) {
            this.classPath = List.copyOf(entries);
            return this;
        }

        /**
         * The import statements sessions start with besides JShell's usual ones; by default those that jars
         * declare (see {@link DeclaredImports}) where the notebook API is loaded from.
         */
        public Builder imports(List<String> statements) {
            this.imports = List.copyOf(statements);
            return this;
        }

        public CellEngine build() {
            if (imports == null) {
                imports = DeclaredImports.of(apiLoader);
            }
            return new CellEngine(this);
        }
    }

    /**
     * Compiles the code generator and the class loader once, so that the user's first cell is quick.
     */
    public void warmUp() {
        List<SnippetEvent> events = shell.eval("1 + 1");
        events.forEach(e -> shell.drop(e.snippet()));
    }

    /**
     * Runs code made of any number of Java snippets, in order, and stops at the first that fails.
     *
     * @param origin names the code's cell and first line, so that errors point at lines the user can find
     */
    public CellOutcome run(String code, CellOrigin origin) {
        if (!inCell) {
            stopRequested = false;
        }
        Optional<Object> value = Optional.empty();
        Map<String, String> variables = new LinkedHashMap<>();
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = code;
        int offset = 0;
        while (!remaining.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == Completeness.EMPTY) {
                break;
            }
            int snippetStart = offset + leadingWhitespace(remaining);
            if (stopRequested) {
                return new CellOutcome.Failed(CellError.interrupted(interruptMessage()));
            }
            if (!info.completeness().isComplete()) {
                return new CellOutcome.Failed(ErrorTraces.notClosed(code, snippetStart, origin));
            }
            // An import the session started with, repeated (an extension's, say), would only cost a compile.
            if (!imports.contains(info.source())) {
                // JShell counts positions from the snippet's first character: leading whitespace would count twice.
                Step step = evaluate(info.source().stripLeading(), code, snippetStart, origin);
                if (step.error != null) {
                    return new CellOutcome.Failed(step.error);
                }
                value = step.value;
                variables.putAll(step.variables);
            } else {
                value = Optional.empty();
            }
            offset += remaining.length() - info.remaining().length();
            remaining = info.remaining();
        }
        return new CellOutcome.Completed(value, variables);
    }

    /** What one snippet came to: an error, or its value and the variables it declared. */
    private record Step(CellError error, Optional<Object> value, Map<String, String> variables) {
    }

    private Step evaluate(String source, String code, int snippetStart, CellOrigin cellOrigin) {
        control.reset();
        if (stopRequested) {
            // stopped after the check between snippets, and before the reset could have kept the request
            return new Step(CellError.interrupted(interruptMessage()), Optional.empty(), Map.of());
        }
        List<SnippetEvent> events = shell.eval(source);
        try {
            Step step = outcome(events, code, snippetStart, cellOrigin);
            // System.err is the cell's own stream here: in the kernel and in the job alike.
            redefinedTypes.keepVariables(events, System.err);
            return step;
        } finally {
            // An expression's value is the cell's output. Kept as JShell's $N, it would be imported into every
            // later snippet's wrapper, and memory and compile time would grow with each expression cell.
            for (SnippetEvent event : events) {
                if (event.causeSnippet() == null && event.snippet() instanceof VarSnippet temp
                        && temp.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                        && shell.status(temp).isActive()) {
                    shell.drop(temp);
                }
            }
            pruner.prune();
        }
    }

    private Step outcome(List<SnippetEvent> events, String code, int snippetStart, CellOrigin cellOrigin) {
        imports.restoreIfOverwritten(events);
        CellOrigin origin = cellOrigin.shiftedBy(ErrorTraces.lineOf(code, snippetStart) - 1);
        Optional<Object> value = Optional.empty();
        Map<String, String> variables = new LinkedHashMap<>();
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue; // an update of a dependent snippet, not the one we ran
            }
            Snippet snippet = event.snippet();
            origins.put(snippet.id(), origin);
            if (event.status() == Snippet.Status.REJECTED) {
                List<Diag> errors = shell.diagnostics(snippet).filter(Diag::isError).toList();
                return new Step(ErrorTraces.compileError(errors, code, snippetStart, cellOrigin), value, variables);
            }
            if (control.wasStopped()) {
                return new Step(CellError.interrupted(interruptMessage()), value, variables);
            }
            if (event.exception() instanceof UnresolvedReferenceException unresolved) {
                return new Step(ErrorTraces.unresolved(unresolved, missing(unresolved.getSnippet())), value, variables);
            }
            if (event.exception() != null) {
                return new Step(ErrorTraces.exception(event.exception(), origins), value, variables);
            }
            if (snippet instanceof VarSnippet variable
                    && variable.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                variables.put(variable.name(), variable.typeName());
            }
            Object result = control.takeLastValue();
            if (showsValue(snippet) && result != null && !(result instanceof Display)) {
                value = Optional.of(result);
            }
        }
        return new Step(null, value, variables);
    }

    private String missing(DeclarationSnippet declaration) {
        return String.join(", ", shell.unresolvedDependencies(declaration).toList());
    }

    private static boolean showsValue(Snippet snippet) {
        return snippet.kind() == Snippet.Kind.EXPRESSION
                || (snippet instanceof VarSnippet && snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
    }

    private static String interruptMessage() {
        return "The cell was stopped; everything declared before it is kept.";
    }

    /** The current value of a variable, as JShell shows it; empty when no such variable is active. */
    public Optional<String> valueText(String variableName) {
        return shell.variables()
                .filter(variable -> variable.name().equals(variableName))
                .filter(variable -> shell.status(variable).isActive())
                .reduce((first, later) -> later)
                .map(shell::varValue);
    }

    private static int leadingWhitespace(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Brackets a cell made of several runs (code between magics): a stop stops the rest of the cell.
     * A stop aimed at an earlier cell no longer applies.
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

    /** Adds a jar or folder to what cells compile against and load. */
    public void addToClasspath(Path path) {
        String entry = path.toAbsolutePath().toString();
        shell.addToClasspath(entry);
        addedClassPath.add(entry);
    }

    /** What cells compile against besides the JDK: the notebook API, then what was added, in order. */
    public List<String> compileClassPath() {
        List<String> entries = new ArrayList<>(startClassPath);
        entries.addAll(addedClassPath);
        return entries;
    }

    /** JShell's analysis of this session's code, for completion and inspection. */
    public SourceCodeAnalysis analysis() {
        return shell.sourceCodeAnalysis();
    }

    @Override
    public void close() {
        shell.close();
    }

    /** Cell threads are daemons: a cell's leftover thread must not keep a finished kernel or job alive. */
    private static final class CellThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "fahr-cell-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
