package dev.fahr.image;

/** Receives {@link BuildEvent}s, in order, on the thread that reads the engine's build output. */
@FunctionalInterface
public interface BuildListener {

    BuildListener IGNORE = event -> { };

    void onEvent(BuildEvent event);
}
