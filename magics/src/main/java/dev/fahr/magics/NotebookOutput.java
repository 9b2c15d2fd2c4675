package dev.fahr.magics;

import java.util.UUID;

import dev.fahr.command.CommandOutput;
import dev.fahr.command.Table;
import dev.fahr.command.TableText;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * Output into the cell that ran the magic, through the base kernel API only (so it works in any
 * kernel of the lineage): text as the cell's stdout, tables as HTML with a text fallback, live views as
 * one display replaced in place with {@code update_display_data}.
 */
final class NotebookOutput implements CommandOutput {

    private final BaseKernel kernel;

    NotebookOutput(BaseKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public void line(String text) {
        System.out.println(text);
    }

    @Override
    public void warn(String text) {
        System.err.println("warning: " + text);
    }

    @Override
    public void table(Table table) {
        kernel.display(toDisplay(table));
    }

    @Override
    public void document(String text, String html) {
        DisplayData data = new DisplayData(text);
        data.putHTML(html);
        kernel.display(data);
    }

    @Override
    public LiveView live() {
        return new NotebookLiveView();
    }

    @Override
    public boolean jsonMode() {
        return false;
    }

    @Override
    public void json(String document) {
        DisplayData data = new DisplayData(document);
        data.putData("application/json", document);
        kernel.display(data);
    }

    static DisplayData toDisplay(Table table) {
        DisplayData data = new DisplayData(TableText.render(table));
        data.putHTML(TableHtml.render(table));
        return data;
    }

    /** One display, shown on first use and replaced in place afterwards, from any thread. */
    private final class NotebookLiveView implements LiveView {
        private final String id = UUID.randomUUID().toString();
        private boolean shown;

        @Override
        public void text(String text) {
            DisplayData data = new DisplayData(text);
            data.putHTML("<pre>" + TableHtml.escape(text) + "</pre>");
            show(data);
        }

        @Override
        public void table(Table table) {
            show(toDisplay(table));
        }

        @Override
        public void image(Image image) {
            DisplayData data = new DisplayData(image.description());
            data.putData("image/png", java.util.Base64.getEncoder().encodeToString(image.png()));
            data.putData("image/svg+xml", image.svg());
            show(data);
        }

        private synchronized void show(DisplayData data) {
            data.setDisplayId(id);
            if (!shown) {
                kernel.display(data);
                shown = true;
            } else {
                kernel.getIO().display.updateDisplay(data);
            }
        }

        @Override
        public void close() {
            // The display stays as it was last drawn.
        }
    }
}
