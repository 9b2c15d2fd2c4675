package dev.fahr.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Turns what JShell reports into what a notebook user should read: the compiler's message at the cell's
 * own line with a caret under the spot, or the exception's type, message and the user's own frames, named
 * by cell and line, without the JShell and engine machinery underneath.
 */
final class ErrorTraces {

    // A cause chain that loops back on itself must not loop the trace.
    private static final int MAX_CAUSES = 20;
    // Below the outermost snippet frame everything is machinery and is cut off; these are dropped wherever they are.
    private static final List<String> MACHINERY = List.of("jdk.jshell.", "dev.fahr.engine.", "jdk.internal.reflect.",
            "REPL.");

    private ErrorTraces() {
    }

    /**
     * @param diagnostics the compiler's errors for the snippet
     * @param cellCode    the code the snippet came from
     * @param snippetStart where the snippet starts in {@code cellCode}
     */
    static CellError compileError(List<Diag> diagnostics, String cellCode, int snippetStart, CellOrigin origin) {
        List<String> traceback = new ArrayList<>();
        String first = null;
        for (Diag diag : diagnostics) {
            int position = snippetStart + (int) Math.max(0, diag.getStartPosition());
            List<String> message = withoutWrapperLocation(diag.getMessage(Locale.ROOT));
            String headline = origin.describeLine(lineOf(cellCode, position)) + ": " + message.get(0);
            if (first == null) {
                first = headline;
            }
            traceback.add("CompileError: " + headline);
            traceback.addAll(message.subList(1, message.size()));
            traceback.addAll(sourceLine(cellCode, position));
        }
        if (first == null) {
            first = origin.describeLine(lineOf(cellCode, snippetStart)) + ": this code could not be compiled";
            traceback.add("CompileError: " + first);
            traceback.addAll(sourceLine(cellCode, snippetStart));
        }
        return new CellError(CellError.Kind.COMPILE, "CompileError", first, traceback);
    }

    /** A statement, block or declaration that the cell leaves open. */
    static CellError notClosed(String cellCode, int snippetStart, CellOrigin origin) {
        String headline = origin.describeLine(lineOf(cellCode, snippetStart))
                + ": a statement, block or declaration is not closed";
        List<String> traceback = new ArrayList<>();
        traceback.add("CompileError: " + headline);
        traceback.addAll(sourceLine(cellCode, snippetStart));
        return new CellError(CellError.Kind.COMPILE, "CompileError", headline, traceback);
    }

    /**
     * @param missing what the declaration waits for, e.g. {@code method g()}
     */
    static CellError unresolved(UnresolvedReferenceException e, String missing) {
        String message = e.getSnippet().name() + " cannot run before " + missing + " is defined";
        return new CellError(CellError.Kind.UNRESOLVED, "UnresolvedReference", message,
                List.of("UnresolvedReference: " + message));
    }

    static CellError exception(JShellException e, Map<String, CellOrigin> origins) {
        String type = typeName(e);
        List<String> traceback = new ArrayList<>();
        appendTrace(e, traceback, "", origins, 0);
        return new CellError(CellError.Kind.EXCEPTION, simpleName(type), e.getMessage() == null ? "" : e.getMessage(),
                traceback);
    }

    private static void appendTrace(Throwable t, List<String> lines, String prefix, Map<String, CellOrigin> origins,
                                    int depth) {
        String message = t.getMessage();
        lines.add(prefix + typeName(t) + (message == null ? "" : ": " + message));
        for (StackTraceElement frame : userFrames(t.getStackTrace())) {
            lines.add("\tat " + describe(frame, origins));
        }
        Throwable cause = t.getCause();
        if (cause != null && cause != t && depth < MAX_CAUSES) {
            appendTrace(cause, lines, "Caused by: ", origins, depth + 1);
        }
    }

    /** The frames down to the outermost snippet frame, without the machinery's. */
    private static List<StackTraceElement> userFrames(StackTraceElement[] frames) {
        int end = frames.length;
        for (int i = frames.length - 1; i >= 0; i--) {
            if (isSnippetFrame(frames[i])) {
                end = i + 1;
                break;
            }
        }
        List<StackTraceElement> kept = new ArrayList<>();
        for (int i = 0; i < end; i++) {
            String className = frames[i].getClassName();
            if (MACHINERY.stream().noneMatch(className::startsWith)) {
                kept.add(frames[i]);
            }
        }
        return kept;
    }

    // JShell names a snippet's source "#<snippet id>" in stack frames.
    private static boolean isSnippetFrame(StackTraceElement frame) {
        return frame.getFileName() != null && frame.getFileName().startsWith("#");
    }

    /**
     * A snippet's frame has an empty class and the file {@code #<snippet id>}, which mean nothing to a user;
     * the cell and its line do. The top level of a snippet runs in a generated method: only methods the user
     * declared have a name worth showing.
     */
    private static String describe(StackTraceElement frame, Map<String, CellOrigin> origins) {
        if (!isSnippetFrame(frame)) {
            return frame.toString();
        }
        CellOrigin origin = origins.get(frame.getFileName().substring(1));
        String where = origin == null ? "snippet " + frame.getFileName() + " line " + frame.getLineNumber()
                : origin.describeLine(frame.getLineNumber());
        String method = frame.getMethodName();
        if (method.isEmpty() || method.equals("do_it$")) {
            method = "<cell>";
        } else if (method.startsWith("lambda$")) {
            method = "<lambda>";
        }
        return method + " (" + where + ")";
    }

    private static String typeName(Throwable t) {
        return t instanceof EvalException eval ? eval.getExceptionClassName() : t.getClass().getName();
    }

    static String simpleName(String className) {
        int dot = className.lastIndexOf('.');
        int dollar = className.lastIndexOf('$');
        return className.substring(Math.max(dot, dollar) + 1);
    }

    /** The source line holding {@code position}, then a caret under the offending column. */
    static List<String> sourceLine(String text, int position) {
        int safe = Math.min(Math.max(position, 0), text.length());
        int start = text.lastIndexOf('\n', safe - 1) + 1;
        int end = text.indexOf('\n', safe);
        String line = text.substring(start, end < 0 ? text.length() : end);
        return List.of(line, " ".repeat(Math.max(0, safe - start)) + "^");
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

    // javac names the class it compiled the snippet into, which JShell generates and the user never wrote.
    private static List<String> withoutWrapperLocation(String message) {
        List<String> lines = message.lines()
                .filter(line -> !line.strip().matches("location: class\\s*\\S*\\$?JShell.*|location: class"))
                .collect(Collectors.toCollection(ArrayList::new));
        if (lines.isEmpty()) {
            lines.add(message.strip());
        }
        return lines;
    }
}
