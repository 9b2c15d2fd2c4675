package dev.fahr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fahr.command.CommandOutput;

/** Redraw in place and colour only on a terminal; NO_COLOR; JSON alone on standard output. */
class TerminalOutputTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private TerminalOutput output(boolean terminal, boolean colour, boolean json) {
        return new TerminalOutput(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), terminal, colour, json);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalProgressRedrawsInPlace() {
        TerminalOutput output = output(true, true, false);
        try (CommandOutput.LiveView view = output.live()) {
            view.text("building image: step 1/3");
            view.text("building image: step 2/3");
            view.text("building image: step 2/3");
        }
        assertEquals("building image: step 1/3\n\u001b[1F\u001b[Jbuilding image: step 2/3\n", out());
        output.warn("careful");
        assertTrue(out().endsWith("\u001b[33mwarning: careful\u001b[0m\n"), out());
    }

    @Test
    void offATerminalEachChangeIsPrintedOnceWithoutEscapes() {
        TerminalOutput output = output(false, false, false);
        try (CommandOutput.LiveView view = output.live()) {
            view.text("step 1");
            view.text("step 1");
            view.text("step 2");
        }
        output.warn("careful");
        assertEquals("step 1\nstep 2\nwarning: careful\n", out());
    }

    @Test
    void noColorOrDumbTerminalTurnsColourOff() {
        assertTrue(TerminalOutput.colourWanted(true, Map.of()));
        assertFalse(TerminalOutput.colourWanted(false, Map.of()));
        assertFalse(TerminalOutput.colourWanted(true, Map.of("NO_COLOR", "1")));
        assertTrue(TerminalOutput.colourWanted(true, Map.of("NO_COLOR", "")), "an empty NO_COLOR is unset (no-color.org)");
        assertFalse(TerminalOutput.colourWanted(true, Map.of("TERM", "dumb")));
        TerminalOutput noColour = output(true, false, false);
        noColour.warn("careful");
        assertEquals("warning: careful\n", out());
    }

    @Test
    void jsonModeKeepsStandardOutputForTheDocument() {
        TerminalOutput output = output(true, true, true);
        output.line("Initialized models/x");
        try (CommandOutput.LiveView view = output.live()) {
            view.text("step 1");
            view.text("step 2");
        }
        output.json("[ ]");
        assertEquals("[ ]\n", out());
        assertEquals("Initialized models/x\nstep 1\nstep 2\n", err.toString(StandardCharsets.UTF_8));
    }
}
