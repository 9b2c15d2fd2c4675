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

    /** Ends the pauses under way, where the pacer can: the live views refresh now (see {@link WakeablePacer}). */
    default void wake() {
    }
}
