package dev.fahr.command;

import java.time.Duration;

/**
 * Waits between two refreshes of a live view. The real one sleeps; a test's advances its own clock and
 * returns at once, so that waiting for jobs costs the test no wall time.
 */
@FunctionalInterface
public interface Pacer {

    Pacer SLEEPING = duration -> Thread.sleep(duration.toMillis());

    void pause(Duration duration) throws InterruptedException;

    /**
     * Ends the pauses under way, where the pacer can, and waits at most {@code atMost} until the views woken
     * have redrawn: they refresh now, and what the caller shows next comes after (see {@link WakeablePacer}).
     */
    default void wake(Duration atMost) {
    }

    /** The calling view stops refreshing (what it shows has ended, or it failed): no redraw to wait for. */
    default void leaving() {
    }
}
