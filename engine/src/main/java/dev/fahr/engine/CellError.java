package dev.fahr.engine;

import java.util.List;
import java.util.Objects;

/**
 * Why a cell failed, worded once for every place that shows it: the notebook's error output, the job's
 * log, and the job's failure file.
 *
 * @param kind      what went wrong
 * @param name      the exception's simple class name, or {@code CompileError}, {@code Interrupted}, ...
 * @param message   one line: the exception's message, or the compiler's with the cell and line
 * @param traceback the lines to show: the headline first, then the source line and caret, or the user's
 *                  own stack frames named by cell and line
 */
public record CellError(Kind kind, String name, String message, List<String> traceback) {

    /** What went wrong. */
    public enum Kind {
        /** The compiler refused the code, or a statement or block was left open. */
        COMPILE,
        /** The code threw. */
        EXCEPTION,
        /** The code uses a declaration that still waits for something undefined. */
        UNRESOLVED,
        /** The cell was stopped: an interrupt in the notebook, SIGTERM in a job. */
        INTERRUPTED
    }

    public CellError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        message = message == null ? "" : message;
        traceback = List.copyOf(traceback);
    }

    static CellError interrupted(String message) {
        return new CellError(Kind.INTERRUPTED, "Interrupted", message, List.of(message));
    }

    /** {@code IllegalStateException: boom}, or just the name when there is no message. */
    public String headline() {
        return message.isEmpty() ? name : name + ": " + message;
    }
}
