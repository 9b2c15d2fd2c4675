package dev.fahr.runner;

import jdk.jshell.Diag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why a cell failed, worded once for the three places that show it: the log, the executed
 * notebook's error output, and SageMaker's failure file (whose first 1,024 characters become the
 * job's FailureReason in the console).
 *
 * @param errorName  the exception type, or a kind such as {@code CompileError}
 * @param errorValue the message
 * @param details    further lines: the offending source or the user's stack frames
 */
record FailureReport(String errorName, String errorValue, List<String> details) {

    /** SageMaker keeps this many characters of the failure file. */
    static final int MAX_FAILURE_REASON = 1024;

    FailureReport {
        details = List.copyOf(details);
    }

    /** A failure with no further details. */
    static FailureReport of(String errorName, String errorValue) {
        return new FailureReport(errorName, errorValue, List.of());
    }

    /** A compiler error in {@code snippet}, pointing at the offending line of the cell. */
    static FailureReport compileError(CellSnippet snippet, Diag diagnostic) {
        String message = withoutWrapperLocation(diagnostic.getMessage(Locale.ROOT));
        List<String> details = new ArrayList<>();
        int position = (int) Math.max(0, Math.min(diagnostic.getPosition(), snippet.source().length()));
        int lineStart = snippet.source().lastIndexOf('\n', position - 1) + 1;
        int lineEnd = snippet.source().indexOf('\n', position);
        String sourceLine = snippet.source().substring(lineStart, lineEnd < 0 ? snippet.source().length() : lineEnd);
        details.add("    " + sourceLine);
        details.add("    " + " ".repeat(position - lineStart) + "^");
        message.lines().skip(1).forEach(line -> details.add("    " + line.strip()));
        String firstLine = message.lines().findFirst().orElse("");
        return new FailureReport("CompileError",
                "line " + snippet.cellLineOf(position) + ": " + firstLine, details);
    }

    /** The exception's type and message, as in {@code IllegalStateException: boom}. */
    String headline() {
        return errorValue.isEmpty() ? errorName : errorName + ": " + errorValue;
    }

    /** The failure file's text: {@code cell N: Type: message}, cut to what SageMaker keeps. */
    String failureReason(ScriptCell cell) {
        String reason = "cell " + cell.number() + ": " + headline();
        return reason.length() <= MAX_FAILURE_REASON ? reason : reason.substring(0, MAX_FAILURE_REASON - 3) + "...";
    }

    /** The report as the executed notebook's error output. */
    CellOutput.Error toNotebookOutput() {
        List<String> traceback = new ArrayList<>();
        traceback.add(headline());
        traceback.addAll(details);
        return new CellOutput.Error(errorName, errorValue, traceback);
    }

    // javac names the class it compiled the snippet into, which JShell generates and the user never wrote.
    private static String withoutWrapperLocation(String message) {
        StringBuilder kept = new StringBuilder();
        message.lines()
                .filter(line -> !line.strip().matches("location: class\\s*\\S*\\$?JShell.*|location: class"))
                .forEach(line -> kept.append(kept.length() == 0 ? "" : "\n").append(line));
        return kept.toString();
    }
}
