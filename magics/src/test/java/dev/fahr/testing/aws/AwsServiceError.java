package dev.fahr.testing.aws;

/** An error answer as AWS gives it: the error type ({@code __type}), a message and the HTTP status. */
public final class AwsServiceError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String type;
    private final int status;

    public AwsServiceError(String type, String message, int status) {
        super(message);
        this.type = type;
        this.status = status;
    }

    public static AwsServiceError validation(String message) {
        return new AwsServiceError("ValidationException", message, 400);
    }

    public String type() {
        return type;
    }

    public int status() {
        return status;
    }
}
