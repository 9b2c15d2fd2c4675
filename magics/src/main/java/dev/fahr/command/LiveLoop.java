package dev.fahr.command;

import java.time.Duration;

/**
 * Redraws a live view on a daemon thread, one refresh per poll interval (never more often than every
 * 200 ms), until the refresh says that everything shown has ended; the user runs other cells meanwhile.
 * The status table and the learning-curve chart both live this way.
 */
final class LiveLoop {

    /** One refresh: redraws the view and tells whether everything shown has ended. */
    @FunctionalInterface
    interface Refresh {
        boolean redraw(CommandOutput.LiveView view);
    }

    private LiveLoop() {
    }

    /** A refresh failed; the view may say so (the last table stays, with a note) while the loop retries. */
    @FunctionalInterface
    interface Failure {
        void shown(CommandOutput.LiveView view, String message);
    }

    /**
     * How many refreshes in a row may fail (AWS throttling, a 5xx, a dropped connection) before the view
     * stops updating and says why; one that succeeds resets the count.
     */
    static final int FAILURES_IN_A_ROW = 5;

    static void start(FahrContext context, CommandOutput.LiveView view, String name, Refresh refresh) {
        start(context, view, name, refresh, (shown, message) -> { });
    }

    static void start(FahrContext context, CommandOutput.LiveView view, String name, Refresh refresh,
                      Failure failure) {
        Thread poller = new Thread(() -> {
            int failed = 0;
            try {
                while (true) {
                    context.pacer().pause(period(context));
                    try {
                        if (refresh.redraw(view)) {
                            return;
                        }
                        failed = 0;
                    } catch (RuntimeException e) {
                        if (++failed >= FAILURES_IN_A_ROW) {
                            view.text(name + " stopped updating after " + failed + " failed refreshes: "
                                    + e.getMessage() + "; run it again to resume");
                            return;
                        }
                        failure.shown(view, e.getMessage());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                view.close();
                context.pacer().leaving();
            }
        }, "fahr-" + name + "-poller");
        poller.setDaemon(true);
        poller.start();
    }

    /** Never more often than every 200 ms: a refresh asks every driver, and a grid may be large. */
    static Duration period(FahrContext context) {
        return Duration.ofMillis(Math.max(200, context.pollInterval().toMillis()));
    }
}
