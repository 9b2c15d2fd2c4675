package dev.fahr.command;

/**
 * Where a command's output goes. The commands are defined once; the notebook (HTML, displays updated
 * in place) and the terminal (text, colour only on a TTY, one redrawn line) each implement this.
 */
public interface CommandOutput {

    /** A line of ordinary output. */
    void line(String text);

    /** Something the user should notice but that does not stop the command. */
    void warn(String text);

    /** Shows a table once. */
    void table(Table table);

    /** Shows a document once: as HTML in a notebook, as its text elsewhere. */
    void document(String text, String html);

    /**
     * A view that is redrawn in place as it changes: build progress, a live status table. Updates may
     * come from any thread, also after the command returned (the notebook keeps the display).
     */
    LiveView live();

    /** Whether {@code --json} asked for machine-readable output; commands then call {@link #json}. */
    boolean jsonMode();

    /** Writes one JSON document (already serialised) for scripts. */
    void json(String document);

    /**
     * An image as a front end shows it: PNG, SVG where the front end takes it, and a line of text for those
     * that show no images.
     */
    record Image(String description, byte[] png, String svg) {
    }

    /** A display that can be replaced in place. */
    interface LiveView extends AutoCloseable {

        /** Replaces the view with a line of text (progress). */
        void text(String text);

        /** Replaces the view with a table. */
        void table(Table table);

        /** Replaces the view with an image (a chart); a terminal shows its description. */
        void image(Image image);

        /** Freezes the view as it is; a terminal moves to a new line. */
        @Override
        void close();
    }
}
