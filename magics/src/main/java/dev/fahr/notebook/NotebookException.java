package dev.fahr.notebook;

/**
 * The one error type of this package. Its message always names the file or cell concerned, what is
 * wrong with it, and what the user can do about it, because it is shown as-is in the notebook.
 */
public final class NotebookException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotebookException(String message) {
        super(message);
    }

    public NotebookException(String message, Throwable cause) {
        super(message, cause);
    }
}
