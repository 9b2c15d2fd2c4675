package dev.fahr.driver;

/** A driver could not do what was asked; the message is one line that names the fix. */
public class DriverException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DriverException(String message) {
        super(message);
    }

    public DriverException(String message, Throwable cause) {
        super(message, cause);
    }
}
