package dev.fahr.kernel.jshell;

import java.util.List;

/**
 * The user's code threw. It carries the user's exception type and message, and the stack frames of
 * the user's own code: the kernel's machinery is cut off.
 */
public final class UserCodeException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String exceptionType;
    private final List<String> traceback;

    public UserCodeException(String exceptionType, String message, List<String> traceback) {
        super(message, null, false, false);
        this.exceptionType = exceptionType;
        this.traceback = List.copyOf(traceback);
    }

    /** The simple name of the user's exception class, e.g. {@code IllegalStateException}. */
    public String exceptionType() {
        return exceptionType;
    }

    /** Lines of the form {@code java.lang.IllegalStateException: boom} then {@code     at f(#3:2)}. */
    public List<String> traceback() {
        return traceback;
    }
}
