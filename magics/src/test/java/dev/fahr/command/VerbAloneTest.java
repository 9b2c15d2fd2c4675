package dev.fahr.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.fahr.workflow.DriverRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fahr VERB ...} builds only that verb's command; what the user sees is what the whole command tree
 * shows: help, usage errors, exit codes.
 */
class VerbAloneTest {

    @TempDir
    Path project;

    /** What one run showed: exit code, output lines, error text. */
    private record Seen(int exit, List<String> lines, String errors) {
    }

    @Test
    void everyVerbShowsTheSameHelpAndErrorsAsUnderTheWholeTree() throws Exception {
        Files.createDirectories(project.resolve(".git"));
        CommandLineTest.CapturingOutput probe = new CommandLineTest.CapturingOutput();
        List<String> verbs = new ArrayList<>(FahrCommand.commandLine(context(probe)).getSubcommands().keySet());
        verbs.remove("help");
        assertEquals(10, verbs.size(), verbs.toString());
        for (String verb : verbs) {
            assertTrue(FahrCommand.verbAlone(context(probe), verb).isPresent(), verb);
            for (List<String> args : List.of(List.of(verb, "--help"), List.of(verb, "--no-such-option"),
                    List.of(verb, "-h"), List.of(verb, "--config.=x"))) {
                Seen alone = run(args, false);
                Seen whole = run(args, true);
                assertEquals(whole, alone, String.join(" ", args));
            }
        }
        // failures inside a command, worded by OneLineErrors
        for (List<String> args : List.of(List.of("logs", "no-such-job"), List.of("stop", "no-such-job"),
                List.of("config", "--config.no_such_setting=1"), List.of("diff", "a", "b"))) {
            Seen alone = run(args, false);
            assertEquals(run(args, true), alone, String.join(" ", args));
            assertTrue(alone.errors().startsWith("fahr " + args.get(0) + ": "), alone.toString());
        }
        Seen help = run(List.of("status", "--help"), false);
        assertTrue(help.lines().get(0).startsWith("Usage: fahr status"), help.toString());
        assertEquals(2, run(List.of("status", "--no-such-option"), false).exit());
        assertFalse(FahrCommand.verbAlone(context(probe), "help").isPresent(), "help lists the whole tree");
        assertFalse(FahrCommand.verbAlone(context(probe), "--help").isPresent());
        assertFalse(FahrCommand.verbAlone(context(probe), "stauts").isPresent(), "a typo gets the tree's suggestion");
    }

    private Seen run(List<String> args, boolean wholeTree) {
        CommandLineTest.CapturingOutput output = new CommandLineTest.CapturingOutput();
        StringWriter errors = new StringWriter();
        PrintWriter writer = new PrintWriter(errors, true);
        FahrContext context = context(output);
        int exit = wholeTree ? FahrCommand.execute(FahrCommand.commandLine(context), context, args, () -> writer)
                : FahrCommand.execute(context, args, () -> writer);
        return new Seen(exit, List.copyOf(output.lines), errors.toString());
    }

    private FahrContext context(CommandLineTest.CapturingOutput output) {
        return FahrContext.builder(project, output, DriverRegistry.discover())
                .environment(Map.of("HOME", project.resolve("home").toString())).build();
    }
}
