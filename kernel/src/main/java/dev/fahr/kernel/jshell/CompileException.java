package dev.fahr.kernel.jshell;

/** A snippet did not compile; the message holds the compiler's words and the offending line. */
public final class CompileException extends Exception {
    private static final long serialVersionUID = 1L;

    public CompileException(String message) {
        super(message, null, false, false);
    }
}
