package dev.fahr.image;

/**
 * A setting that cannot become an image: an unknown {@code --train-image} alias, a malformed image
 * reference, or a value that would inject a command or instruction into the Dockerfile or run.sh.
 * The message names the bad value and says what is accepted.
 */
public final class ImageSettingException extends IllegalArgumentException {

    public ImageSettingException(String message) {
        super(message);
    }
}
