package dev.fahr.kernel.display;

import dev.fahr.kernel.output.CellContext;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * A handle on something {@code display(...)} showed: {@code update(...)} replaces it in place, from
 * any thread and after the cell has finished.
 */
public final class Display {

    private final String id;
    private final CellContext cell;

    Display(String id, CellContext cell) {
        this.id = id;
        this.cell = cell;
    }

    public String id() {
        return id;
    }

    public void update(Object value) {
        DisplayData data = NotebookFunctions.toDisplayData(cell, value);
        data.setDisplayId(id);
        cell.updateDisplay(data);
    }

    @Override
    public String toString() {
        return "Display[" + id + "]";
    }
}
