package dev.fahr.kernel.jshell;

import java.util.ArrayList;
import java.util.List;

import jdk.jshell.EvalException;
import jdk.jshell.JShellException;
import jdk.jshell.UnresolvedReferenceException;

/** Turns JShell's exceptions into what a notebook user should read: their type, message and frames. */
final class ErrorTraces {

    private ErrorTraces() {
    }

    static UserCodeException toUserCodeException(JShellException e) {
        if (e instanceof UnresolvedReferenceException unresolved) {
            String message = "this code uses a declaration that is not complete yet: " + describe(unresolved);
            return new UserCodeException("UnresolvedReferenceException", message, List.of(message));
        }
        String type = e instanceof EvalException eval ? eval.getExceptionClassName() : e.getClass().getName();
        List<String> lines = new ArrayList<>();
        appendTrace(e, lines, "");
        return new UserCodeException(simpleName(type), String.valueOf(e.getMessage()), lines);
    }

    private static String describe(UnresolvedReferenceException e) {
        return e.getSnippet().source().strip();
    }

    private static void appendTrace(Throwable t, List<String> lines, String prefix) {
        String type = t instanceof EvalException eval ? eval.getExceptionClassName() : t.getClass().getName();
        String message = t.getMessage();
        lines.add(prefix + type + (message == null ? "" : ": " + message));
        for (StackTraceElement frame : t.getStackTrace()) {
            if (isMachinery(frame)) {
                break;
            }
            lines.add("\tat " + userFrame(frame));
        }
        if (t.getCause() != null && t.getCause() != t) {
            appendTrace(t.getCause(), lines, "Caused by: ");
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

    /** JShell's wrapper classes ({@code REPL.$JShell$12}) mean nothing to a user; the snippet id does. */
    private static String userFrame(StackTraceElement frame) {
        if (frame.getClassName().startsWith("REPL.")) {
            String method = frame.getMethodName().equals("do_it$") ? "<cell>" : frame.getMethodName();
            return method + "(" + frame.getFileName() + ":" + frame.getLineNumber() + ")";
        }
        return frame.toString();
    }

    static String simpleName(String className) {
        int dot = className.lastIndexOf('.');
        int dollar = className.lastIndexOf('$');
        return className.substring(Math.max(dot, dollar) + 1);
    }
}
