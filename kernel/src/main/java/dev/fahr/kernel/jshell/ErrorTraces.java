package dev.fahr.kernel.jshell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jdk.jshell.EvalException;
import jdk.jshell.JShellException;
import jdk.jshell.UnresolvedReferenceException;

/** Turns JShell's exceptions into what a notebook user should read: their type, message and frames. */
final class ErrorTraces {

    private ErrorTraces() {
    }

    static UserCodeException toUserCodeException(JShellException e, Map<String, SnippetOrigin> origins) {
        if (e instanceof UnresolvedReferenceException unresolved) {
            String message = "this code uses a declaration that is not complete yet: " + describe(unresolved);
            return new UserCodeException("UnresolvedReferenceException", message, List.of(message));
        }
        String type = e instanceof EvalException eval ? eval.getExceptionClassName() : e.getClass().getName();
        List<String> lines = new ArrayList<>();
        appendTrace(e, lines, "", origins);
        return new UserCodeException(simpleName(type), String.valueOf(e.getMessage()), lines);
    }

    private static String describe(UnresolvedReferenceException e) {
        return e.getSnippet().source().strip();
    }

    private static void appendTrace(Throwable t, List<String> lines, String prefix, Map<String, SnippetOrigin> origins) {
        String type = t instanceof EvalException eval ? eval.getExceptionClassName() : t.getClass().getName();
        String message = t.getMessage();
        lines.add(prefix + type + (message == null ? "" : ": " + message));
        for (StackTraceElement frame : t.getStackTrace()) {
            if (isMachinery(frame)) {
                break;
            }
            lines.add("\tat " + userFrame(frame, origins));
        }
        if (t.getCause() != null && t.getCause() != t) {
            appendTrace(t.getCause(), lines, "Caused by: ", origins);
        }
    }

    /** Frames below the user's code: reflection that called the snippet, and the kernel itself. */
    private static boolean isMachinery(StackTraceElement frame) {
        String cls = frame.getClassName();
        return cls.startsWith("jdk.internal.reflect.")
                || cls.startsWith("java.lang.reflect.Method")
                || cls.startsWith("dev.fahr.kernel.")
                || cls.startsWith("jdk.jshell.");
    }

    /**
     * JShell reports a snippet's frames with an empty class and a file name {@code #<snippet id>}, which
     * mean nothing to a user; the cell and its line do.
     */
    private static String userFrame(StackTraceElement frame, Map<String, SnippetOrigin> origins) {
        String file = frame.getFileName();
        if (file != null && file.startsWith("#")) {
            String method = frame.getMethodName().isEmpty() || frame.getMethodName().equals("do_it$")
                    ? "<cell>" : frame.getMethodName();
            SnippetOrigin origin = origins.get(file.substring(1));
            String where = origin == null ? "snippet " + file + " line " + frame.getLineNumber()
                    : origin.describeLine(frame.getLineNumber());
            return method + " (" + where + ")";
        }
        return frame.toString();
    }

    static String simpleName(String className) {
        int dot = className.lastIndexOf('.');
        int dollar = className.lastIndexOf('$');
        return className.substring(Math.max(dot, dollar) + 1);
    }
}
