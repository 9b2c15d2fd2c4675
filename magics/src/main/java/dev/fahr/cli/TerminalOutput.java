package dev.fahr.cli;

import java.io.PrintStream;

import dev.fahr.command.CommandOutput;
import dev.fahr.command.Table;
import dev.fahr.command.TableText;

/**
 * Output for a terminal: plain lines; a live view redraws in place only on a TTY (elsewhere, such as a
 * log file, each update is a new block, and progress lines are not repeated); colour only on a TTY.
 */
final class TerminalOutput implements CommandOutput {

    private static final String YELLOW = "\u001b[33m";
    private static final String RESET = "\u001b[0m";

    private final PrintStream out;
    private final boolean tty;
    private final boolean json;

    TerminalOutput(PrintStream out, boolean tty, boolean json) {
        this.out = out;
        this.tty = tty;
        this.json = json;
    }

    @Override
    public synchronized void line(String text) {
        out.println(text);
    }

    @Override
    public synchronized void warn(String text) {
        out.println(tty ? YELLOW + "warning: " + text + RESET : "warning: " + text);
    }

    @Override
    public synchronized void table(Table table) {
        out.println(TableText.render(table));
    }

    @Override
    public LiveView live() {
        return new TerminalLiveView();
    }

    @Override
    public boolean jsonMode() {
        return json;
    }

    @Override
    public synchronized void json(String document) {
        out.println(document);
    }

    /** Redraws by moving the cursor up over what it drew last; off a TTY, prints changes only. */
    private final class TerminalLiveView implements LiveView {
        private int drawnLines;
        private String last = "";

        @Override
        public void text(String text) {
            draw(text);
        }

        @Override
        public void table(Table table) {
            draw(TableText.render(table));
        }

        private void draw(String text) {
            synchronized (TerminalOutput.this) {
                if (text.equals(last)) {
                    return;
                }
                if (tty && drawnLines > 0) {
                    out.print("\u001b[" + drawnLines + "F\u001b[J");
                }
                out.println(text);
                drawnLines = (int) text.lines().count();
                last = text;
                out.flush();
            }
        }

        @Override
        public void close() {
            drawnLines = 0;
        }
    }
}
