package dev.fahr.records;

/** The job records cannot be read; the message names the file, fahr's last good copy and what to do. */
public final class DamagedRecordsException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    DamagedRecordsException(String message) {
        super(message);
    }

    DamagedRecordsException(String message, Throwable cause) {
        super(message, cause);
    }
}
