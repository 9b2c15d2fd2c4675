package dev.fahr.command;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The notebook's pacer: it sleeps like {@link Pacer#SLEEPING}, but {@link #wake} ends every pause under
 * way, so the live views of one kernel (a chart drawn above, a status table) refresh at once when a
 * {@code %fahr_status --wait} has seen their jobs end, rather than up to one interval later.
 */
public final class WakeablePacer implements Pacer {

    private long wakes;

    @Override
    public synchronized void pause(Duration duration) throws InterruptedException {
        long seen = wakes;
        long deadline = System.nanoTime() + duration.toNanos();
        while (wakes == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    @Override
    public synchronized void wake() {
        wakes++;
        notifyAll();
    }
}
