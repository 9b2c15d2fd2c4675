package dev.fahr.magics;

/** A fahr magic failed; its message is what the command printed, naming the problem and the fix. */
public final class FahrMagicException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FahrMagicException(String message) {
        super(message, null, false, false);
    }
}
