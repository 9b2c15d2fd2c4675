package dev.fahr.image;

/**
 * An image could not be built; the message says why and what to do: the engine is unreachable, a
 * base image is missing, or a Dockerfile step failed (naming the step and its last output lines).
 */
public final class ImageBuildException extends RuntimeException {

    private final boolean loginRefused;

    public ImageBuildException(String message) {
        this(message, null, false);
    }

    public ImageBuildException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private ImageBuildException(String message, Throwable cause, boolean loginRefused) {
        super(message, cause);
        this.loginRefused = loginRefused;
    }

    /**
     * The destination registry refused the login the driver gave (an ECR token lasts 12 h): a new login
     * from the driver may succeed where this one failed.
     */
    public static ImageBuildException loginRefused(String message, Throwable cause) {
        return new ImageBuildException(message, cause, true);
    }

    public boolean isLoginRefused() {
        return loginRefused;
    }
}
