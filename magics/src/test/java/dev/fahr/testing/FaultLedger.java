package dev.fahr.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * What each fault test injected and what it found afterwards, one tab-separated line per test in
 * {@code target/fault-ledger.tsv} (or {@code -Dfahr.fault.ledger=FILE}): {@code bench/fault-suite.sh} turns
 * one run of the suite into the README's table. The tests assert the outcomes; the ledger only reports
 * them, so that the table is what a run found, not what someone wrote.
 */
public final class FaultLedger {

    /** For a column that does not apply to a fault (no jobs involved, say). */
    public static final int NOT_APPLICABLE = -1;

    /** For a fault no command waits on (it happens inside a running job). */
    public static final Duration NO_COMMAND = Duration.ofMillis(-1);

    private FaultLedger() {
    }

    /**
     * @param fault         what was injected, in a few words
     * @param injected      how many times the fault was injected
     * @param jobsLost      jobs launched but not recorded (goal 0), or {@link #NOT_APPLICABLE}
     * @param jobsTwice     jobs launched or recorded twice (goal 0), or {@link #NOT_APPLICABLE}
     * @param halfWritten   files or folders left half-written or staged (goal 0)
     * @param longestWait   the longest a command took to answer under the fault
     */
    public static synchronized void record(String fault, int injected, int jobsLost, int jobsTwice, int halfWritten,
                                           Duration longestWait) {
        Path ledger = Path.of(System.getProperty("fahr.fault.ledger", "target/fault-ledger.tsv"));
        String line = String.join("\t", fault, String.valueOf(injected), String.valueOf(jobsLost),
                String.valueOf(jobsTwice), String.valueOf(halfWritten), String.valueOf(longestWait.toMillis())) + "\n";
        try {
            Files.createDirectories(ledger.toAbsolutePath().getParent());
            Files.writeString(ledger, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fault ledger " + ledger, e);
        }
    }

    /** Times one command under a fault. */
    public static final class Stopwatch {
        private final long start = System.nanoTime();

        public Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - start);
        }
    }
}
