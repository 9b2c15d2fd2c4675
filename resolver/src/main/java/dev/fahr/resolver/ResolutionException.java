package dev.fahr.resolver;

/** Resolution failed; the message names the artifact and what to change, and is meant for the user as it is. */
public final class ResolutionException extends Exception {

    private static final long serialVersionUID = 1L;

    public ResolutionException(String message) {
        super(message);
    }

    public ResolutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
