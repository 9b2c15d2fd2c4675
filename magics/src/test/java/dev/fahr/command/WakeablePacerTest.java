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
            pacer.wake();
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
}
