package dev.fahr.display;

/**
 * Where what cells display goes: the kernel sends it to Jupyter, the training runner keeps it in the
 * executed notebook. A front end binds its sink to the threads that run a cell; threads those start
 * inherit it, so a background thread keeps showing into the cell that started it.
 */
public interface DisplaySink {

    /** Shows a new display. */
    void show(String displayId, Rendering rendering);

    /** Replaces an earlier display in place; one this sink never showed is ignored, as Jupyter does. */
    void update(String displayId, Rendering rendering);

    /** Makes {@code sink} where this thread's displays go, and those of the threads it starts from now on. */
    static void bindToCurrentThread(DisplaySink sink) {
        Displays.SINK.set(sink);
    }

    static void unbindCurrentThread() {
        Displays.SINK.remove();
    }
}
