package dev.fahr.command;

import java.io.Writer;

/** Lets picocli's help text go through a {@link CommandOutput}, one line at a time. */
final class LineWriter extends Writer {

    private final CommandOutput output;
    private final StringBuilder pending = new StringBuilder();

    LineWriter(CommandOutput output) {
        this.output = output;
    }

    @Override
    public synchronized void write(char[] buffer, int offset, int length) {
        pending.append(buffer, offset, length);
        int newline;
        while ((newline = pending.indexOf("\n")) >= 0) {
            output.line(pending.substring(0, newline).stripTrailing());
            pending.delete(0, newline + 1);
        }
    }

    @Override
    public synchronized void flush() {
        if (pending.length() > 0) {
            output.line(pending.toString());
            pending.setLength(0);
        }
    }

    @Override
    public void close() {
        flush();
    }
}
