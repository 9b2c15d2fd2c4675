package dev.fahr.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import jdk.jshell.spi.ExecutionControl;
import org.junit.jupiter.api.Test;

class CellExecutionControlTest {

    static final AtomicInteger RUNS = new AtomicInteger();

    /** Stands in for a snippet's do-it method. */
    public static Object doIt() {
        RUNS.incrementAndGet();
        return "ran";
    }

    @Test
    void aStopThatCameWhileTheSnippetCompiledHoldsWhenItWouldStart() throws Exception {
        CellExecutionControl control = new CellExecutionControl(Thread::new,
                new NotebookLoaderDelegate(getClass().getClassLoader()));
        control.reset();
        control.stop(); // nothing runs yet: JShell is compiling the snippet
        RUNS.set(0);
        assertThrows(ExecutionControl.StoppedException.class,
                () -> control.invoke(getClass().getMethod("doIt")));
        assertEquals(0, RUNS.get(), "the snippet never started");
        assertTrue(control.wasStopped());

        control.reset(); // the next snippet runs as usual
        assertEquals("\"ran\"", control.invoke(getClass().getMethod("doIt")));
        assertEquals(1, RUNS.get());
    }
}
