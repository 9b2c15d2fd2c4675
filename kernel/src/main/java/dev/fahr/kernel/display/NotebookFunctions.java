package dev.fahr.kernel.display;

import java.util.UUID;

import dev.fahr.kernel.output.CellContext;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * The functions a notebook cell calls to show rich output; imported statically into every session.
 * They act on the cell that the calling thread works for (see {@link CellContext}), so a background
 * thread started by a cell keeps updating that cell's displays after the cell finished.
 */
public final class NotebookFunctions {

    private NotebookFunctions() {
    }

    /** Shows a value with its richest rendering; the handle updates it in place later. */
    public static Display display(Object value) {
        CellContext cell = requireCell();
        return show(cell, toDisplayData(cell, value));
    }

    /** Shows a value rendered as the given MIME types only, e.g. {@code "text/html"}. */
    public static Display display(Object value, String... mimeTypes) {
        CellContext cell = requireCell();
        return show(cell, cell.renderer().renderAs(value, mimeTypes));
    }

    /** Replaces what an earlier {@code display(...)} showed, in place. */
    public static void updateDisplay(Display display, Object value) {
        display.update(value);
    }

    /** As {@link #updateDisplay(Display, Object)}, by display id. */
    public static void updateDisplay(String displayId, Object value) {
        CellContext cell = requireCell();
        DisplayData data = toDisplayData(cell, value);
        data.setDisplayId(displayId);
        cell.updateDisplay(data);
    }

    public static DisplayData html(String html) {
        DisplayData data = new DisplayData(html.replaceAll("<[^>]*>", ""));
        data.putHTML(html);
        return data;
    }

    public static DisplayData markdown(String markdown) {
        DisplayData data = new DisplayData(markdown);
        data.putMarkdown(markdown);
        return data;
    }

    public static DisplayData text(String text) {
        return new DisplayData(text);
    }

    private static Display show(CellContext cell, DisplayData data) {
        String id = data.hasDisplayId() ? data.getDisplayId() : UUID.randomUUID().toString();
        data.setDisplayId(id);
        cell.display(data);
        return new Display(id, cell);
    }

    static DisplayData toDisplayData(CellContext cell, Object value) {
        if (value instanceof DisplayData given) {
            return new DisplayData(given);
        }
        return cell.renderer().render(value);
    }

    private static CellContext requireCell() {
        CellContext cell = CellContext.current();
        if (cell == null) {
            throw new IllegalStateException("display() works only in code run by a notebook cell "
                    + "or by a thread such code started");
        }
        return cell;
    }
}
