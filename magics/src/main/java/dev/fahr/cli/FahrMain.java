package dev.fahr.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.fahr.cli.client.Terminal;
import dev.fahr.command.FahrCommand;
import dev.fahr.command.FahrContext;
import dev.fahr.workflow.DriverRegistry;
import picocli.CommandLine;

/**
 * The {@code fahr} command line. Exit codes: 0 success, 1 failure, 2 usage error. Output is plain text,
 * redrawn in place and coloured only on a terminal ({@code NO_COLOR} turns colour off); {@code --json}
 * prints a JSON document alone on standard output.
 */
public final class FahrMain {

    private FahrMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        return run(Arrays.asList(args), Path.of("").toAbsolutePath(), System.getenv(), System.out, System.err,
                Terminal.attached());
    }

    /**
     * One command, with everything it reads from its process given: a daemon runs it for a client with the
     * client's folder, environment, streams and terminal.
     */
    static int run(List<String> arguments, Path workingDirectory, Map<String, String> environment, PrintStream stdout,
                   PrintStream stderr, boolean onTerminal) {
        boolean terminal = onTerminal && !"dumb".equals(environment.get("TERM"));
        boolean colour = TerminalOutput.colourWanted(terminal, environment);
        boolean json = arguments.contains("--json");
        // picocli colours help text by its own guess of the terminal; make it follow the same rule.
        System.setProperty("picocli.ansi", String.valueOf(colour));
        TerminalOutput output = new TerminalOutput(stdout, stderr, terminal, colour, json);
        FahrContext context = FahrContext.builder(workingDirectory, output, DriverRegistry.discover())
                .environment(environment).pollInterval(Duration.ofSeconds(10)).build();
        PrintWriter err = new PrintWriter(stderr, true);
        if (!arguments.isEmpty() && arguments.get(0).equals("completion")) {
            CommandLine completion = new CommandLine(new CompletionCommand(FahrCommand.commandLine(context)));
            completion.setCommandName("fahr completion");
            completion.setOut(new PrintWriter(stdout, true));
            completion.setErr(err);
            return completion.execute(arguments.subList(1, arguments.size()).toArray(String[]::new));
        }
        return FahrCommand.execute(context, arguments, () -> err);
    }
}
