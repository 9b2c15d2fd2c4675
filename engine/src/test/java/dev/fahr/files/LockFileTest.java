package dev.fahr.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockFileTest {

    @TempDir
    Path temp;

    @Test
    void holdersTakeTurnsAndTheLockFileIsMadeWithItsFolder() throws Exception {
        Path lock = temp.resolve("not-yet/.fahr/init.lock");
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            threads.add(new Thread(() -> LockFile.holding(lock, () -> {
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inside.decrementAndGet();
                done.incrementAndGet();
            })));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertEquals(6, done.get());
        assertEquals(1, most.get(), "never two holders at once");
        assertTrue(Files.isRegularFile(lock));
    }

    @Test
    void anInterruptedCallerStillFinishesTheWorkAndKeepsItsInterrupt() {
        Thread.currentThread().interrupt();
        try {
            String result = LockFile.holding(temp.resolve("records.lock"), () -> {
                assertFalse(Thread.currentThread().isInterrupted(), "the work runs with the interrupt set aside");
                return "written";
            });
            assertEquals("written", result);
            assertTrue(Thread.currentThread().isInterrupted(), "the caller stops at its next step");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aWaitingHolderIsToldOnceAndRunsWhenTheFirstIsDone() throws Exception {
        Path lock = temp.resolve("locks/folder.lock");
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        Thread first = new Thread(() -> {
            try {
                LockFile.holdingInterruptibly(lock, () -> events.add("first waited"), () -> {
                    firstInside.countDown();
                    await(releaseFirst);
                    events.add("first done");
                    return null;
                });
            } catch (InterruptedException e) {
                events.add("first interrupted");
            }
        });
        first.start();
        assertTrue(firstInside.await(10, TimeUnit.SECONDS));
        Thread second = new Thread(() -> {
            try {
                LockFile.holdingInterruptibly(lock, () -> events.add("second waits"), () -> events.add("second ran"));
            } catch (InterruptedException e) {
                events.add("second interrupted");
            }
        });
        second.start();
        waitUntil(() -> events.contains("second waits"));
        Thread.sleep(200);
        assertEquals(List.of("second waits"), events, "told once, and not run while the first holds the lock");
        releaseFirst.countDown();
        first.join(10_000);
        second.join(10_000);
        assertEquals(List.of("second waits", "first done", "second ran"), events);
    }

    @Test
    void aWaitInterruptedRunsNothingAndLeavesTheLockUsable() throws Exception {
        Path lock = temp.resolve("locks/folder.lock");
        Process other = LockHolderProcess.start(lock);
        AtomicInteger told = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        try {
            Thread waiter = new Thread(() -> {
                try {
                    LockFile.holdingInterruptibly(lock, told::incrementAndGet, ran::incrementAndGet);
                } catch (InterruptedException | RuntimeException e) {
                    thrown.set(e);
                }
            });
            waiter.start();
            waitUntil(() -> told.get() == 1);
            waiter.interrupt();
            waiter.join(10_000);
            assertFalse(waiter.isAlive());
            assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
            assertEquals(0, ran.get(), "nothing ran");
            assertEquals(1, told.get(), "told once, though it polled many times");
        } finally {
            other.getOutputStream().close();
            other.waitFor(10, TimeUnit.SECONDS);
            other.destroyForcibly();
        }
        assertEquals("free", LockFile.holdingInterruptibly(lock, () -> fail("nobody holds it now"), () -> "free"));
    }

    @Test
    void aFreeLockRunsAtOnceWithoutSayingItWaited() throws Exception {
        assertEquals(42, LockFile.holdingInterruptibly(temp.resolve("a/b.lock"), () -> fail("it did not wait"),
                () -> 42));
        assertTrue(Files.isRegularFile(temp.resolve("a/b.lock")));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(10);
        }
    }
}
