package dev.fahr.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Work done holding an exclusive lock on a lock file, so that processes (a kernel and the command line,
 * fits started at once) and the threads of one JVM take turns. File locks only keep other processes out,
 * so threads of this JVM queue on a lock of their own first.
 *
 * <p>{@link #holding} is uninterruptible: a file channel closes when its thread is interrupted, and work cut
 * half way (a launch between "submitted" and its record) would be worse than finishing it. The interrupt is
 * kept for the caller, which stops at its next step.
 */
public final class LockFile {

    private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    /** How often a waiting {@link #holdingInterruptibly} tries the lock again. */
    private static final long POLL_MILLIS = 50;

    private LockFile() {
    }

    /** Runs {@code action} holding {@code lockFile} (created with its folder when missing). */
    public static <T> T holding(Path lockFile, Supplier<T> action) {
        Path file = lockFile.toAbsolutePath().normalize();
        boolean interrupted = Thread.interrupted();
        ReentrantLock threads = IN_PROCESS.computeIfAbsent(file, p -> new ReentrantLock());
        threads.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return holdingOnce(file, action);
                } catch (ClosedByInterruptException e) {
                    // the lock's channel, closed by an interrupt: take the lock again
                    if (attempt == 3) {
                        throw new UncheckedIOException("cannot lock " + file + ": interrupted", e);
                    }
                    interrupted |= Thread.interrupted();
                } catch (UncheckedIOException e) {
                    // the work's own file channel, closed by an interrupt: do the work again, whole
                    if (!(e.getCause() instanceof ClosedByInterruptException) || attempt == 3) {
                        throw e;
                    }
                    interrupted |= Thread.interrupted();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
                }
            }
        } finally {
            threads.unlock();
            if (interrupted || Thread.interrupted()) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@link #holding(Path, Supplier)} for work without a result. */
    public static void holding(Path lockFile, Runnable action) {
        holding(lockFile, () -> {
            action.run();
            return null;
        });
    }

    /**
     * Runs {@code action} holding {@code lockFile}, for work that may hold it a long time (an init and the
     * build after it). Unlike {@link #holding}, the wait can be interrupted, and {@code onWait} runs once
     * (before waiting) when another holder is there, so that the caller can say why nothing happens. The
     * action runs as it would without the lock: an interrupt reaches it.
     *
     * @throws InterruptedException when interrupted while waiting; the action has not run then
     */
    public static <T> T holdingInterruptibly(Path lockFile, Runnable onWait, Supplier<T> action)
            throws InterruptedException {
        Path file = lockFile.toAbsolutePath().normalize();
        ReentrantLock threads = IN_PROCESS.computeIfAbsent(file, p -> new ReentrantLock());
        boolean waited = false;
        if (!threads.tryLock()) {
            onWait.run();
            waited = true;
            threads.lockInterruptibly();
        }
        try {
            Files.createDirectories(file.getParent());
            // Closing the channel releases the lock, even when an interrupt of the action closed it already.
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                // Polled rather than blocking in lock(): a thread interrupted in lock() would close the channel
                // (and an interrupt already set closes it at tryLock, so it is checked first).
                while (true) {
                    if (Thread.interrupted()) {
                        throw new InterruptedException("interrupted while waiting for " + file);
                    }
                    if (channel.tryLock() != null) {
                        break;
                    }
                    if (!waited) {
                        onWait.run();
                        waited = true;
                    }
                    Thread.sleep(POLL_MILLIS);
                }
                return action.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        } finally {
            threads.unlock();
        }
    }

    private static <T> T holdingOnce(Path file, Supplier<T> action) throws IOException {
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            return action.get();
        }
    }
}
