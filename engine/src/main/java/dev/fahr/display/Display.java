package dev.fahr.display;

/**
 * A handle on something {@code display(...)} showed: {@link #update} replaces it in place, from any thread
 * and after the cell has finished, in the notebook and in the job's executed notebook alike.
 */
public final class Display {

    private final String id;
    private final DisplaySink sink;

    Display(String id, DisplaySink sink) {
        this.id = id;
        this.sink = sink;
    }

    public String id() {
        return id;
    }

    /** Replaces what this display shows with {@code value}, rendered as {@code display(value)} would. */
    public void update(Object value) {
        Rendering rendering = Rendering.of(value);
        if (sink != null) {
            sink.update(id, rendering);
        } else {
            System.out.println(rendering);
        }
    }

    @Override
    public String toString() {
        return "Display[" + id + "]";
    }
}
