package dev.fahr.cli;

import java.io.PrintStream;

import dev.fahr.command.CommandOutput;
import dev.fahr.command.Table;
import dev.fahr.command.TableText;

/**
 * Output for a terminal. A live view (build progress, a watched status table) redraws in place only on an
 * interactive terminal; elsewhere, such as a pipe or a log file, each change is printed once as a new
 * block and nothing repeats. Colour only on a terminal, and never when {@code NO_COLOR} is set. With
 * {@code --json}, standard output carries the JSON document alone; everything else goes to standard
 * error, so that {@code fahr fit --json | jq} reads clean JSON.
 */
final class TerminalOutput implements CommandOutput {

    static final String YELLOW = "\u001b[33m";
    static final String RESET = "\u001b[0m";
    /** Cursor to the start of the line N lines up, then erase to the end of the screen. */
    static final String REDRAW = "\u001b[%dF\u001b[J";

    private final PrintStream out;
    private final PrintStream text;
    private final boolean interactive;
    private final boolean colour;
    private final boolean json;

    /**
     * @param out         standard output
     * @param err         standard error (text goes there in JSON mode)
     * @param interactive whether output is a terminal: live views redraw in place
     * @param colour      whether to colour (a terminal without NO_COLOR)
     * @param json        whether --json was given
     */
    TerminalOutput(PrintStream out, PrintStream err, boolean interactive, boolean colour, boolean json) {
        this.out = out;
        this.text = json ? err : out;
        this.interactive = interactive && !json;
        this.colour = colour;
        this.json = json;
    }

    /** Colour per https://no-color.org: any non-empty NO_COLOR turns it off; so does TERM=dumb. */
    static boolean colourWanted(boolean terminal, java.util.Map<String, String> environment) {
        String noColor = environment.get("NO_COLOR");
        return terminal && (noColor == null || noColor.isEmpty()) && !"dumb".equals(environment.get("TERM"));
    }

    @Override
    public synchronized void line(String line) {
        text.println(line);
        text.flush();
    }

    @Override
    public synchronized void warn(String warning) {
        text.println(colour ? YELLOW + "warning: " + warning + RESET : "warning: " + warning);
        text.flush();
    }

    @Override
    public synchronized void table(Table table) {
        text.println(TableText.render(table));
        text.flush();
    }

    @Override
    public synchronized void document(String document, String html) {
        text.println(document);
        text.flush();
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
        out.flush();
    }

    /** Redraws by moving the cursor up over what it drew last; off a terminal, prints changes only. */
    private final class TerminalLiveView implements LiveView {
        private int drawnLines;
        private String last = "";

        @Override
        public void text(String line) {
            draw(line);
        }

        @Override
        public void table(Table table) {
            draw(TableText.render(table));
        }

        @Override
        public void image(Image image) {
            draw(image.description());
        }

        private void draw(String block) {
            synchronized (TerminalOutput.this) {
                if (block.equals(last)) {
                    return;
                }
                if (interactive && drawnLines > 0) {
                    text.print(String.format(REDRAW, drawnLines));
                }
                text.println(block);
                drawnLines = (int) block.lines().count();
                last = block;
                text.flush();
            }
        }

        @Override
        public void close() {
            synchronized (TerminalOutput.this) {
                drawnLines = 0;
            }
        }
    }
}
