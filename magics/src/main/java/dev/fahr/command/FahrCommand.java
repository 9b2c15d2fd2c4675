package dev.fahr.command;

import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root of every fahr command: {@code fahr VERB ...} in a shell and {@code %fahr_VERB ...} in a
 * notebook run the same classes, built here with the front end's {@link FahrContext}.
 */
@Command(name = "fahr", mixinStandardHelpOptions = true, version = "fahr 0.1.0",
        description = "Ship training runs from a notebook or script to the local Docker engine or SageMaker.",
        subcommands = {InitCommand.class, FitCommand.class, StatusCommand.class, LogsCommand.class,
                FetchCommand.class, StopCommand.class, CopyCommand.class, CommandLine.HelpCommand.class})
public final class FahrCommand implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    private final FahrContext context;

    public FahrCommand(FahrContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        context.output().line(new CommandLine(this).getUsageMessage());
    }

    /** A command line whose commands are built with {@code context}, and whose errors are one line. */
    public static CommandLine commandLine(FahrContext context) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                try {
                    return type.getConstructor(FahrContext.class).newInstance(context);
                } catch (NoSuchMethodException noContext) {
                    return CommandLine.defaultFactory().create(type);
                }
            }
        };
        CommandLine line = new CommandLine(FahrCommand.class, factory);
        line.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException
                || t instanceof ConfigArguments.UsageException ? EXIT_USAGE : EXIT_FAILURE);
        line.setExecutionExceptionHandler(new OneLineErrors(context.output()));
        return line;
    }

    /** Runs {@code args} (as typed: {@code --config.KEY=VALUE} allowed) and returns the exit code. */
    public static int execute(FahrContext context, List<String> args, ErrorSink errors) {
        CommandLine line = commandLine(context);
        line.setErr(errors.writer());
        line.setOut(new java.io.PrintWriter(new LineWriter(context.output()), true));
        List<String> normalized;
        try {
            normalized = ConfigArguments.normalize(args);
        } catch (ConfigArguments.UsageException e) {
            errors.writer().println("fahr: " + e.getMessage());
            errors.writer().flush();
            return EXIT_USAGE;
        }
        return line.execute(normalized.toArray(String[]::new));
    }

    /** Where usage errors and failures are written. */
    public interface ErrorSink {
        java.io.PrintWriter writer();
    }
}
