package dev.fahr.runner;

import jdk.jshell.EvalException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders an exception thrown by a snippet as the user wants to read it: their own frames, named by
 * cell and line, and the library frames they called into, without the JShell and runner machinery
 * underneath, which only hides where the problem is.
 */
final class UserStackTrace {

    // JShell names a snippet's source "#<snippet id>" in stack frames.
    private static final Pattern SNIPPET_FILE = Pattern.compile("#(\\d+)");
    private static final List<String> MACHINERY_PREFIXES = List.of(
            "jdk.jshell.", "dev.fahr.runner.", "jdk.internal.reflect.", "java.lang.reflect.", "java.lang.Thread");
    // Guards against a cause chain that loops back on itself.
    private static final int MAX_CAUSES = 20;

    private final Map<String, SnippetPlace> places;

    /** @param places where each snippet, by id, came from */
    UserStackTrace(Map<String, SnippetPlace> places) {
        this.places = Map.copyOf(places);
    }

    /** The exception's type and message, such as {@code java.lang.IllegalStateException: boom}. */
    static String headline(Throwable thrown) {
        String type = thrown instanceof EvalException eval ? eval.getExceptionClassName() : thrown.getClass().getName();
        return thrown.getMessage() == null ? type : type + ": " + thrown.getMessage();
    }

    /** The frames of {@code thrown} and then of each cause, as indented lines. */
    List<String> lines(Throwable thrown) {
        List<String> lines = new ArrayList<>();
        appendFrames(lines, thrown.getStackTrace());
        Throwable cause = thrown.getCause();
        for (int depth = 0; cause != null && cause != thrown && depth < MAX_CAUSES; depth++) {
            lines.add("Caused by: " + headline(cause));
            appendFrames(lines, cause.getStackTrace());
            cause = cause.getCause();
        }
        return lines;
    }

    private void appendFrames(List<String> lines, StackTraceElement[] frames) {
        for (StackTraceElement frame : userFrames(frames)) {
            lines.add("    at " + describe(frame));
        }
    }

    /** The frames up to the outermost snippet frame, without the machinery's. */
    private List<StackTraceElement> userFrames(StackTraceElement[] frames) {
        int end = frames.length;
        for (int i = frames.length - 1; i >= 0; i--) {
            if (isSnippetFrame(frames[i])) {
                end = i + 1;
                break;
            }
        }
        List<StackTraceElement> kept = new ArrayList<>();
        for (int i = 0; i < end; i++) {
            if (!isMachinery(frames[i])) {
                kept.add(frames[i]);
            }
        }
        return kept;
    }

    private static boolean isSnippetFrame(StackTraceElement frame) {
        return frame.getFileName() != null && SNIPPET_FILE.matcher(frame.getFileName()).matches();
    }

    private static boolean isMachinery(StackTraceElement frame) {
        String className = frame.getClassName();
        return MACHINERY_PREFIXES.stream().anyMatch(className::startsWith);
    }

    private String describe(StackTraceElement frame) {
        Matcher snippetFile = frame.getFileName() == null ? null : SNIPPET_FILE.matcher(frame.getFileName());
        if (snippetFile == null || !snippetFile.matches()) {
            return frame.toString();
        }
        SnippetPlace place = places.get(snippetFile.group(1));
        String where = place == null
                ? "snippet " + frame.getFileName() + ":" + frame.getLineNumber()
                : place.describe(frame.getLineNumber());
        // The top level of a snippet runs in a generated method; only methods the user declared have a name worth showing.
        String method = frame.getMethodName();
        boolean declaredByUser = !method.isEmpty() && !method.equals("do_it$") && !method.startsWith("lambda$");
        return declaredByUser ? method + " (" + where + ")" : where;
    }
}
