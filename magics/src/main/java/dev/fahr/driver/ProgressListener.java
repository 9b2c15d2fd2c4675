package dev.fahr.driver;

/**
 * Progress of a long driver step (a push, a wait), as the project's own events; a notebook renders
 * them as one display updated in place, a terminal as one redrawn line.
 */
@FunctionalInterface
public interface ProgressListener {

    /** {@code step} names the phase ("push"), {@code detail} says where it is ("layer 3/7, 12 MB"). */
    void progress(String step, String detail, double fraction);

    ProgressListener NONE = (step, detail, fraction) -> { };
}
