package dev.fahr.command;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The notebook's pacer: it sleeps like {@link Pacer#SLEEPING}, but {@link #wake} ends every pause under
 * way, so the live views of one kernel (a chart drawn above, a status table) refresh at once when a
 * {@code %fahr_status --wait} has seen their jobs end, rather than up to one interval later. The wait then
 * returns once they have redrawn, so that their final drawing comes before the cell ends: a notebook run
 * to the end (nbconvert, papermill) keeps it, and the cells after see the chart final.
 */
public final class WakeablePacer implements Pacer {

    private long wakes;
    /** The views pausing now. */
    private final Set<Thread> pausing = new HashSet<>();
    /** The views woken that have not come back to a pause (or left) since: they are redrawing. */
    private final Set<Thread> redrawing = new HashSet<>();

    @Override
    public synchronized void pause(Duration duration) throws InterruptedException {
        Thread self = Thread.currentThread();
        if (redrawing.remove(self)) {
            notifyAll(); // back for its next pause: its redraw is done
        }
        long seen = wakes;
        long deadline = System.nanoTime() + duration.toNanos();
        pausing.add(self);
        try {
            while (wakes == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } finally {
            pausing.remove(self);
        }
    }

    @Override
    public synchronized void wake(Duration atMost) {
        redrawing.addAll(pausing);
        wakes++;
        notifyAll();
        long deadline = System.nanoTime() + atMost.toNanos();
        try {
            while (!redrawing.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return; // a view whose refresh hangs does not hold the cell: it redraws when it can
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the caller's jobs have ended; it returns them as it would
        }
    }

    @Override
    public synchronized void leaving() {
        if (redrawing.remove(Thread.currentThread())) {
            notifyAll();
        }
    }
}
