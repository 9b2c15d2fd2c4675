package dev.fahr.image;

/**
 * An image could not be built; the message says why and what to do: the engine is unreachable, a
 * base image is missing, or a Dockerfile step failed (naming the step and its last output lines).
 */
public final class ImageBuildException extends RuntimeException {

    public ImageBuildException(String message) {
        super(message);
    }

    public ImageBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
