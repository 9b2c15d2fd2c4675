package dev.fahr.runner;

import dev.fahr.runtime.JobDisplay;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs cells in one in-process JShell, snippet by snippet, as the notebook kernel does, and turns
 * what JShell reports into a {@link CellOutcome}.
 */
final class CellEvaluator implements AutoCloseable {

    // The JShell tool's default imports, which the notebook kernel offers too, so that a cell that ran
    // in the notebook compiles here; plus the runtime API every notebook may call.
    private static final List<String> DEFAULT_IMPORTS = List.of(
            "java.io.*", "java.math.*", "java.net.*", "java.nio.file.*", "java.util.*",
            "java.util.concurrent.*", "java.util.function.*", "java.util.prefs.*", "java.util.regex.*",
            "java.util.stream.*", "dev.fahr.runtime.Fahr");

    private final JShell jshell;
    private final Map<String, SnippetPlace> places = new HashMap<>();
    private final Map<Integer, List<String>> snippetIdsByCell = new HashMap<>();

    /**
     * @param classPath jars and folders the snippets can use: the {@code --lib} jars and the runner's own
     *                  code, which holds {@code dev.fahr.runtime}
     */
    CellEvaluator(List<Path> classPath) {
        jshell = JShell.builder().executionEngine("local").build();
        classPath.forEach(entry -> jshell.addToClasspath(entry.toString()));
        for (String name : DEFAULT_IMPORTS) {
            requireValid(jshell.eval("import " + name + ";"), "import " + name);
        }
        // display(...), html(...) and friends, as the kernel has them: notebook cells run unchanged.
        requireValid(jshell.eval("import static dev.fahr.runtime.JobDisplay.*;"), "import of JobDisplay");
        requireValid(jshell.eval(SnippetClassLoader.adoptingSnippet()), "setting the context class loader");
        SnippetClassLoader.applyToCurrentThread();
    }

    /** Runs {@code cell}, stopping at its first failing snippet. */
    CellOutcome run(ScriptCell cell) {
        List<CellSnippet> snippets = CellSnippet.split(jshell.sourceCodeAnalysis(), cell.source());
        Optional<String> lastValue = Optional.empty();
        for (CellSnippet snippet : snippets) {
            SnippetEvent event = primaryEvent(jshell.eval(snippet.source()));
            if (event == null) {
                continue;
            }
            places.put(event.snippet().id(), new SnippetPlace(cell.number(), snippet));
            snippetIdsByCell.computeIfAbsent(cell.number(), number -> new ArrayList<>()).add(event.snippet().id());
            Optional<FailureReport> failure = failureOf(event, snippet);
            if (failure.isPresent()) {
                return new CellOutcome.Failed(failure.get());
            }
            lastValue = isShownValue(event) ? Optional.of(event.value()) : Optional.empty();
        }
        return new CellOutcome.Completed(lastValue);
    }

    /** The variables, by name, that {@code cell} declared and that still exist. */
    Map<String, VarSnippet> variablesDeclaredBy(ScriptCell cell) {
        List<String> ids = snippetIdsByCell.getOrDefault(cell.number(), List.of());
        return jshell.variables()
                .filter(variable -> ids.contains(variable.id()))
                .filter(variable -> variable.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND)
                .collect(Collectors.toMap(VarSnippet::name, variable -> variable, (first, later) -> later));
    }

    /** The current value of {@code variable}, as JShell renders it. */
    String valueOf(VarSnippet variable) {
        return jshell.varValue(variable);
    }

    /** Asks the running snippet to stop; it then ends as soon as it reaches a point where it can. */
    void stop() {
        jshell.stop();
    }

    @Override
    public void close() {
        jshell.close();
    }

    private Optional<FailureReport> failureOf(SnippetEvent event, CellSnippet snippet) {
        JShellException thrown = event.exception();
        if (thrown instanceof UnresolvedReferenceException unresolved) {
            DeclarationSnippet declaration = unresolved.getSnippet();
            return Optional.of(FailureReport.of("UnresolvedReference", declaration.name()
                    + " cannot run before " + missing(declaration) + " is defined"));
        }
        if (thrown instanceof EvalException eval) {
            return Optional.of(new FailureReport(eval.getExceptionClassName(),
                    eval.getMessage() == null ? "" : eval.getMessage(), new UserStackTrace(places).lines(eval)));
        }
        if (thrown != null) {
            return Optional.of(new FailureReport(thrown.getClass().getName(), String.valueOf(thrown.getMessage()),
                    new UserStackTrace(places).lines(thrown)));
        }
        return switch (event.status()) {
            case REJECTED -> Optional.of(jshell.diagnostics(event.snippet())
                    .filter(Diag::isError)
                    .findFirst()
                    .map(diagnostic -> FailureReport.compileError(snippet, diagnostic))
                    .orElse(FailureReport.of("CompileError", "line " + snippet.firstLine() + ": rejected by JShell")));
            // A declaration that needs something not yet defined: a notebook would fail on it later anyway.
            case RECOVERABLE_NOT_DEFINED -> Optional.of(FailureReport.of("CompileError", "line "
                    + snippet.firstLine() + ": cannot define " + ((DeclarationSnippet) event.snippet()).name()
                    + " because " + missing((DeclarationSnippet) event.snippet()) + " is not defined"));
            default -> Optional.empty();
        };
    }

    private String missing(DeclarationSnippet declaration) {
        return jshell.unresolvedDependencies(declaration).collect(Collectors.joining(", "));
    }

    // The event for the snippet itself, not for earlier snippets it updated.
    private static SnippetEvent primaryEvent(List<SnippetEvent> events) {
        return events.stream().filter(event -> event.causeSnippet() == null).findFirst().orElse(null);
    }

    private static boolean isShownValue(SnippetEvent event) {
        Snippet.SubKind kind = event.snippet().subKind();
        boolean expression = kind == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                || kind.kind() == Snippet.Kind.EXPRESSION;
        return expression && event.value() != null && !event.value().isEmpty() && !isDisplayHandle(event.snippet());
    }

    /** display(...) returns a handle for later updates; as in the kernel, it is not shown as the cell's value. */
    private static boolean isDisplayHandle(Snippet snippet) {
        String type = snippet instanceof VarSnippet variable ? variable.typeName()
                : snippet instanceof ExpressionSnippet expression ? expression.typeName() : "";
        return type.equals("JobDisplay.Handle") || type.equals(JobDisplay.Handle.class.getCanonicalName());
    }

    private static void requireValid(List<SnippetEvent> events, String what) {
        SnippetEvent event = primaryEvent(events);
        if (event == null || event.status() != Snippet.Status.VALID || event.exception() != null) {
            throw new IllegalStateException("JShell setup failed at " + what
                    + (event == null ? "" : ": " + event.status() + " " + event.exception()));
        }
    }
}
