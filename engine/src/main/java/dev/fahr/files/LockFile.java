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
 * <p>Uninterruptible: a file channel closes when its thread is interrupted, and work cut half way (a
 * launch between "submitted" and its record) would be worse than finishing it. The interrupt is kept for
 * the caller, which stops at its next step.
 */
public final class LockFile {

    private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

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

    private static <T> T holdingOnce(Path file, Supplier<T> action) throws IOException {
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            return action.get();
        }
    }
}
