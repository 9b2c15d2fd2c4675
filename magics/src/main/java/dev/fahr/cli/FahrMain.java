package dev.fahr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import dev.fahr.command.FahrCommand;
import dev.fahr.command.FahrContext;
import dev.fahr.workflow.DriverRegistry;

/** The {@code fahr} command line. Exit codes: 0 success, 1 failure, 2 usage error. */
public final class FahrMain {

    private FahrMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        boolean tty = System.console() != null && System.getenv("NO_COLOR") == null;
        boolean json = Arrays.asList(args).contains("--json");
        TerminalOutput output = new TerminalOutput(System.out, tty, json);
        FahrContext context = new FahrContext(Path.of("").toAbsolutePath(), System.getenv(), output,
                DriverRegistry.discover(), Clock.systemUTC(), false, Duration.ofSeconds(10), Optional.empty());
        PrintWriter err = new PrintWriter(System.err, true);
        return FahrCommand.execute(context, Arrays.asList(args), () -> err);
    }
}
