package dev.fahr.internal.docker;

/** The Docker engine cannot be used: a malformed address, or no engine answering there. The message says what to do. */
public final class DockerEngineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DockerEngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
