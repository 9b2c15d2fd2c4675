package dev.fahr.kernel.output;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Sends output that does not end in a newline (progress bars, prompts) a fraction of a second later. */
public final class PartialLineFlusher implements AutoCloseable {

    private static final long PERIOD_MS = 100;

    private final ScheduledExecutorService timer;

    PartialLineFlusher(RoutingOutputStream out, RoutingOutputStream err) {
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fahr-output-flusher");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            out.flushPartialLines();
            err.flushPartialLines();
        }, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
