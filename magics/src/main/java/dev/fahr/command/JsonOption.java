package dev.fahr.command;

import picocli.CommandLine.Option;

/** {@code --json}: output that scripts can read, for any command that shows something. */
public final class JsonOption {

    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    public boolean enabled() {
        return json;
    }
}
