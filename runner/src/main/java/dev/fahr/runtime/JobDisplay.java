package dev.fahr.runtime;

import java.util.Map;
import java.util.UUID;

/**
 * {@code display(...)}, {@code updateDisplay(...)}, {@code html(...)}, {@code markdown(...)} and
 * {@code text(...)} in a training job, where no frontend shows them: the training runner imports these
 * statically, as the kernel imports its own, so that a cell written for the notebook runs unchanged in
 * the job. What a cell displays is kept in the executed notebook the job saves (a later update replaces
 * it there, as it would on screen); outside a job (no recorder) the text form is printed.
 */
public final class JobDisplay {

    /** Where displays go; the runner sets one that records them in the executed notebook. */
    public interface Recorder {
        void show(String displayId, Rendering rendering);

        void update(String displayId, Rendering rendering);
    }

    /** A handle on something {@code display(...)} showed; {@code update(...)} replaces it. */
    public static final class Handle {
        private final String id;

        private Handle(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public void update(Object value) {
            updateDisplay(id, value);
        }

        @Override
        public String toString() {
            return "Display[" + id + "]";
        }
    }

    private static volatile Recorder recorder;

    private JobDisplay() {
    }

    /** For the training runner: where the displays of the cells go from now on. */
    public static void recordWith(Recorder recorder) {
        JobDisplay.recorder = recorder;
    }

    public static Handle display(Object value) {
        return show(Rendering.of(value));
    }

    /** As the kernel's: only the given MIME types of the value's rendering, e.g. {@code "text/html"}. */
    public static Handle display(Object value, String... mimeTypes) {
        return show(Rendering.of(value).only(mimeTypes));
    }

    public static void updateDisplay(Handle display, Object value) {
        updateDisplay(display.id(), value);
    }

    public static void updateDisplay(String displayId, Object value) {
        Recorder current = recorder;
        if (current != null) {
            current.update(displayId, Rendering.of(value));
        } else {
            System.out.println(Rendering.of(value));
        }
    }

    public static Rendering html(String html) {
        return new Rendering(Map.of("text/html", html, "text/plain", html.replaceAll("<[^>]*>", "")));
    }

    public static Rendering markdown(String markdown) {
        return new Rendering(Map.of("text/markdown", markdown, "text/plain", markdown));
    }

    public static Rendering text(String text) {
        return new Rendering(Map.of("text/plain", text));
    }

    private static Handle show(Rendering rendering) {
        Handle handle = new Handle(UUID.randomUUID().toString());
        Recorder current = recorder;
        if (current != null) {
            current.show(handle.id(), rendering);
        } else {
            System.out.println(rendering);
        }
        return handle;
    }
}
