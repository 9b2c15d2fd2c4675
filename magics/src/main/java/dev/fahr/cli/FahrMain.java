package dev.fahr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
        Map<String, String> environment = System.getenv();
        boolean terminal = TerminalOutput.onTerminal() && !"dumb".equals(environment.get("TERM"));
        boolean colour = TerminalOutput.colourWanted(terminal, environment);
        List<String> arguments = Arrays.asList(args);
        boolean json = arguments.contains("--json");
        // picocli colours help text by its own guess of the terminal; make it follow the same rule.
        System.setProperty("picocli.ansi", String.valueOf(colour));
        TerminalOutput output = new TerminalOutput(System.out, System.err, terminal, colour, json);
        FahrContext context = FahrContext.builder(Path.of("").toAbsolutePath(), output, DriverRegistry.discover())
                .environment(environment).pollInterval(Duration.ofSeconds(10)).build();
        PrintWriter err = new PrintWriter(System.err, true);
        if (!arguments.isEmpty() && arguments.get(0).equals("completion")) {
            CommandLine completion = new CommandLine(new CompletionCommand(FahrCommand.commandLine(context)));
            completion.setCommandName("fahr completion");
            return completion.execute(args.length == 1 ? new String[0] : Arrays.copyOfRange(args, 1, args.length));
        }
        return FahrCommand.execute(context, arguments, () -> err);
    }
}
