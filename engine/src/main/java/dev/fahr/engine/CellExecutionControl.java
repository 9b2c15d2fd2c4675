package dev.fahr.engine;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;

import jdk.jshell.execution.LocalExecutionControl;

/**
 * Runs snippets in this JVM, each on a fresh thread made by the engine's thread factory.
 *
 * <p>JDK's own {@link LocalExecutionControl} waits for every thread in its thread group, so a cell that
 * starts a background poller would never finish. This control waits only for the snippet's own thread,
 * keeps the snippet's result object (JShell itself only keeps its {@code toString}), and stops a runaway
 * snippet on interrupt.
 */
final class CellExecutionControl extends LocalExecutionControl {

    private final ThreadFactory cellThreads;
    private final ClassLoader cellClassLoader;
    private final AtomicReference<Thread> running = new AtomicReference<>();
    private volatile boolean stopRequested;
    private volatile Object lastValue;

    CellExecutionControl(ThreadFactory cellThreads, NotebookLoaderDelegate classes) {
        super(classes);
        this.cellThreads = cellThreads;
        this.cellClassLoader = classes.loader();
    }

    /** Forgets the previous snippet's value and stop request before the next snippet runs. */
    void reset() {
        lastValue = null;
        stopRequested = false;
        REPL.$Cancel$.allStop = false;
    }

    /** Whether the last snippet ended because the user asked it to stop. */
    boolean wasStopped() {
        return stopRequested;
    }

    /** The object the last executed snippet produced; {@code null} for void or no value. */
    Object takeLastValue() {
        Object value = lastValue;
        lastValue = null;
        return value;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread snippet = cellThreads.newThread(() -> {
            try {
                result.set(doitMethod.invoke(null));
            } catch (InvocationTargetException e) {
                failure.set(e.getCause());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        // Libraries that look up classes or services through the context class loader find the cell's.
        snippet.setContextClassLoader(cellClassLoader);
        running.set(snippet);
        try {
            // A stop that came while JShell compiled this snippet found nothing running: it holds now. (Set
            // before stop() reads the thread, read after this one is published: one of the two sees the other.)
            if (stopRequested) {
                throw new StoppedException();
            }
            snippet.start();
            snippet.join();
        } finally {
            running.set(null);
            // Only this snippet was meant to stop; threads that earlier cells started keep running.
            REPL.$Cancel$.allStop = false;
        }
        Throwable thrown = failure.get();
        if (stopRequested && (thrown == null || isStopSignal(thrown))) {
            throw new StoppedException();
        }
        if (thrown != null) {
            // The superclass turns this into a UserException carrying the user's type, message and frames.
            throw new InvocationTargetException(thrown);
        }
        lastValue = result.get();
        return valueString(result.get());
    }

    private static boolean isStopSignal(Throwable thrown) {
        @SuppressWarnings("removal")
        boolean death = thrown instanceof ThreadDeath;
        return death || thrown instanceof InterruptedException;
    }

    @Override
    @SuppressWarnings("removal")
    public void stop() {
        stopRequested = true;
        Thread snippet = running.get();
        if (snippet == null) {
            return; // between snippets, or compiling one: invoke() sees the request
        }
        // From JDK 22 on, snippet code checks this flag at every loop back-edge (see REPL.$Cancel$).
        REPL.$Cancel$.allStop = true;
        try {
            snippet.stop();
        } catch (UnsupportedOperationException newerJdk) {
            // Thread.stop is gone from JDK 20 on; the stop check ends loops, the interrupt ends waits.
            snippet.interrupt();
        }
    }
}
