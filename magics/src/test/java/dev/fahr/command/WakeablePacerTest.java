package dev.fahr.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** A wait that saw its jobs end wakes the kernel's other live views at once. */
class WakeablePacerTest {

    @Test
    void wakeEndsEveryPauseUnderWayAndOnlyThose() throws Exception {
        WakeablePacer pacer = new WakeablePacer();
        int views = 3;
        CountDownLatch pausing = new CountDownLatch(views);
        AtomicInteger woken = new AtomicInteger();
        for (int i = 0; i < views; i++) {
            Thread view = new Thread(() -> {
                try {
                    pausing.countDown();
                    pacer.pause(Duration.ofHours(1));
                    woken.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            view.setDaemon(true);
            view.start();
        }
        pausing.await(10, TimeUnit.SECONDS);
        Thread.sleep(50); // into pause()
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            pacer.wake(Duration.ZERO);
            while (woken.get() < views) {
                Thread.sleep(5);
            }
        });
        assertEquals(views, woken.get());
        // A wake before a pause does not shorten it: a pause after it sleeps its time.
        long start = System.nanoTime();
        pacer.pause(Duration.ofMillis(100));
        assertTrue(System.nanoTime() - start >= 100_000_000L, "slept its time");
    }

    @Test
    void wakeReturnsOnceTheViewsWokenHaveRedrawnAndNotLater() throws Exception {
        WakeablePacer pacer = new WakeablePacer();
        CountDownLatch pausing = new CountDownLatch(2);
        AtomicInteger redrawn = new AtomicInteger();
        // a view that keeps refreshing, and one whose refresh finds its jobs ended and leaves
        Thread staying = view(pacer, pausing, redrawn, false);
        Thread leaving = view(pacer, pausing, redrawn, true);
        pausing.await(10, TimeUnit.SECONDS);
        Thread.sleep(50); // into pause()
        long start = System.nanoTime();
        pacer.wake(Duration.ofSeconds(10));
        long took = System.nanoTime() - start;
        assertEquals(2, redrawn.get(), "both redrew before wake returned");
        assertTrue(took >= 200_000_000L && took < 5_000_000_000L, "waited for the 200 ms redraws only: " + took);
        leaving.join(10_000);
        staying.interrupt();
        // a view that never comes back holds the caller no longer than it allows
        WakeablePacer stuck = new WakeablePacer();
        CountDownLatch stuckPausing = new CountDownLatch(1);
        Thread hung = new Thread(() -> {
            try {
                stuckPausing.countDown();
                stuck.pause(Duration.ofHours(1));
                Thread.sleep(Long.MAX_VALUE); // a refresh that hangs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        hung.setDaemon(true);
        hung.start();
        stuckPausing.await(10, TimeUnit.SECONDS);
        Thread.sleep(50);
        long before = System.nanoTime();
        stuck.wake(Duration.ofMillis(300));
        assertTrue(System.nanoTime() - before < 3_000_000_000L, "bounded");
        hung.interrupt();
    }

    private static Thread view(WakeablePacer pacer, CountDownLatch pausing, AtomicInteger redrawn, boolean leaves) {
        Thread view = new Thread(() -> {
            try {
                pausing.countDown();
                while (true) {
                    pacer.pause(Duration.ofHours(1));
                    Thread.sleep(200); // the refresh: a driver call and a drawing
                    redrawn.incrementAndGet();
                    if (leaves) {
                        pacer.leaving();
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        view.setDaemon(true);
        view.start();
        return view;
    }
}
