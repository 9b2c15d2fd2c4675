package dev.fahr.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

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
}
