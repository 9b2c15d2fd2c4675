package dev.fahr.settings;

/** A setting is unknown, mistyped or out of range; the message names it and what to write instead. */
public final class SettingsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SettingsException(String message) {
        super(message);
    }
}
