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

    static void start(FahrContext context, CommandOutput.LiveView view, String name, Refresh refresh) {
        Thread poller = new Thread(() -> {
            try {
                while (true) {
                    context.pacer().pause(period(context));
                    if (refresh.redraw(view)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                view.text(name + " stopped updating: " + e.getMessage());
            } finally {
                view.close();
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
