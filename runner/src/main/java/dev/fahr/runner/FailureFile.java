package dev.fahr.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.fahr.engine.CellError;

/**
 * SageMaker's failure file, {@code /opt/ml/output/failure}, whose first 1,024 characters become the job's
 * FailureReason in the console and in {@code fahr status}.
 */
final class FailureFile {

    /** SageMaker keeps this many characters of the failure file. */
    static final int MAX_REASON = 1024;

    private FailureFile() {
    }

    /**
     * The reason a failed cell gives: {@code cell 4: java.lang.IllegalStateException: boom}; a compile error
     * names its cell and line itself.
     */
    static String reason(ScriptCell cell, CellError error) {
        String reason = switch (error.kind()) {
            case COMPILE -> error.headline();
            case INTERRUPTED -> "stopped during " + cell.label();
            default -> "cell " + cell.number() + ": " + (error.traceback().isEmpty() ? error.headline()
                    : error.traceback().get(0));
        };
        return cut(reason);
    }

    /** Writes {@code reason}, cut to what SageMaker keeps; a failure to write is said on the console only. */
    static void write(Path file, String reason, PrintStream console) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, cut(reason), StandardCharsets.UTF_8);
        } catch (IOException e) {
            console.println("[fahr] cannot write " + file + ": " + e);
        }
    }

    /** Removes a file an earlier run in the same folder left, which would be blamed on this one. */
    static void clear(Path file, PrintStream console) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            console.println("[fahr] warning: cannot remove " + file + ": " + e.getMessage());
        }
    }

    private static String cut(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 3) + "...";
    }
}
