package dev.fahr.display;

import java.util.Map;
import java.util.UUID;

/**
 * The functions a cell calls to show rich output, imported statically into every session of the kernel
 * and of the training runner: {@code display(...)}, {@code updateDisplay(...)}, {@code html(...)},
 * {@code markdown(...)} and {@code text(...)}. They act on the {@link DisplaySink} bound to the calling
 * thread; where none is bound, the text form is printed.
 */
public final class Displays {

    static final InheritableThreadLocal<DisplaySink> SINK = new InheritableThreadLocal<>();

    private Displays() {
    }

    /** Shows a value with its richest rendering; the handle updates it in place later. */
    public static Display display(Object value) {
        return show(Rendering.of(value));
    }

    /** Shows only the given MIME types of a value's rendering, e.g. {@code "text/html"}. */
    public static Display display(Object value, String... mimeTypes) {
        return show(Rendering.of(value).only(mimeTypes));
    }

    /** Replaces what an earlier {@code display(...)} showed, in place. */
    public static void updateDisplay(Display display, Object value) {
        display.update(value);
    }

    /** As {@link #updateDisplay(Display, Object)}, by display id, for this thread's cell. */
    public static void updateDisplay(String displayId, Object value) {
        Rendering rendering = Rendering.of(value);
        DisplaySink sink = SINK.get();
        if (sink != null) {
            sink.update(displayId, rendering);
        } else {
            System.out.println(rendering);
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

    private static Display show(Rendering rendering) {
        DisplaySink sink = SINK.get();
        Display display = new Display(UUID.randomUUID().toString(), sink);
        if (sink != null) {
            sink.show(display.id(), rendering);
        } else {
            System.out.println(rendering);
        }
        return display;
    }
}
