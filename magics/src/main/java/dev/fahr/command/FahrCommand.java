package dev.fahr.command;

import java.util.List;
import java.util.Optional;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root of every fahr command: {@code fahr VERB ...} in a shell and {@code %fahr_VERB ...} in a
 * notebook run the same classes, built here with the front end's {@link FahrContext}.
 */
@Command(name = "fahr", mixinStandardHelpOptions = true, version = "fahr 0.1.0",
        description = "Ship training runs from a notebook or script to the local Docker engine or SageMaker.",
        subcommands = {InitCommand.class, FitCommand.class, StatusCommand.class, LogsCommand.class,
                FetchCommand.class, StopCommand.class, CopyCommand.class, ConfigCommand.class, PlotCommand.class, DiffCommand.class,
                CommandLine.HelpCommand.class})
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
        CommandLine line = new CommandLine(FahrCommand.class, factory(context));
        line.getSubcommands().values().forEach(FahrCommand::addHelpOption);
        return configure(line, context);
    }

    /**
     * The command {@code fahr VERB ...} runs, built alone: picocli reads the options of every subcommand to
     * build the whole tree, about 100 ms of a 300 ms {@code fahr status} on these machines. Its help and
     * errors read as under the root ({@code Usage: fahr VERB ...}). Empty when the first argument names no
     * verb ({@code --help}, {@code help}, a typo): the whole tree answers those.
     */
    static Optional<CommandLine> verbAlone(FahrContext context, String verb) {
        return verbAlone(context, verb, "fahr " + verb);
    }

    /** The verb's command built alone, named {@code name} in its help and errors. */
    private static Optional<CommandLine> verbAlone(FahrContext context, String verb, String name) {
        for (Class<?> type : FahrCommand.class.getAnnotation(Command.class).subcommands()) {
            Command command = type.getAnnotation(Command.class);
            if (command != null && command.name().equals(verb) && type != CommandLine.HelpCommand.class) {
                CommandLine line = new CommandLine(type, factory(context));
                line.setCommandName(name);
                addHelpOption(line);
                return Optional.of(configure(line, context));
            }
        }
        return Optional.empty();
    }

    private static CommandLine.IFactory factory(FahrContext context) {
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                try {
                    return type.getConstructor(FahrContext.class).newInstance(context);
                } catch (NoSuchMethodException noContext) {
                    return CommandLine.defaultFactory().create(type);
                }
            }
        };
    }

    private static CommandLine configure(CommandLine line, FahrContext context) {
        line.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException
                || t instanceof ConfigArguments.UsageException ? EXIT_USAGE : EXIT_FAILURE);
        line.setExecutionExceptionHandler(new OneLineErrors(context.output()));
        line.setParameterExceptionHandler(new OneLineUsageErrors());
        return line;
    }

    /** Every command answers {@code -h}/{@code --help} (a magic's {@code ?} becomes {@code --help}). */
    private static void addHelpOption(CommandLine command) {
        CommandLine.Model.CommandSpec spec = command.getCommandSpec();
        if (spec.options().stream().noneMatch(CommandLine.Model.OptionSpec::usageHelp)
                && spec.findOption("--help") == null) {
            spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help message and exit.").build());
        }
    }

    /**
     * Runs one command as a notebook magic: {@code %fahr_fit ARGS} is {@code fahr fit ARGS}, but its help
     * and errors name the magic ({@code Usage: %fahr_fit ...}). {@code help [COMMAND]} lists the magics or
     * explains one.
     */
    public static int executeMagic(FahrContext context, String magicPrefix, String verb, List<String> args,
                                   ErrorSink errors) {
        if (verb.equals("help")) {
            CommandLine root = commandLine(context);
            List<String> rest = args.stream().filter(a -> !a.equals("--help") && !a.equals("-h")).toList();
            if (rest.isEmpty()) {
                context.output().line(magicOverview(root, magicPrefix));
                return EXIT_OK;
            }
            String topic = rest.get(0).startsWith(magicPrefix) ? rest.get(0).substring(magicPrefix.length())
                    : rest.get(0).replaceFirst("^%", "");
            if (rest.size() > 1 || !root.getSubcommands().containsKey(topic) || topic.equals("help")) {
                errors.writer().println("fahr help: no magic " + magicPrefix + topic + "; "
                        + magicPrefix + "help lists them");
                errors.writer().flush();
                return EXIT_USAGE;
            }
            return executeMagic(context, magicPrefix, topic, List.of("--help"), errors);
        }
        Optional<CommandLine> line = verbAlone(context, verb, magicPrefix + verb);
        if (line.isEmpty()) {
            errors.writer().println("fahr: no command " + verb);
            errors.writer().flush();
            return EXIT_USAGE;
        }
        return execute(line.get(), context, args, errors);
    }

    /** {@code %fahr_help}: each magic with its one-line description. */
    private static String magicOverview(CommandLine root, String magicPrefix) {
        StringBuilder text = new StringBuilder("The fahr magics (" + magicPrefix + "VERB? or " + magicPrefix
                + "help VERB explains one):\n");
        int width = root.getSubcommands().keySet().stream().mapToInt(String::length).max().orElse(0)
                + magicPrefix.length() + 2;
        root.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                String[] description = sub.getCommandSpec().usageMessage().description();
                text.append(String.format("  %-" + width + "s%s%n", magicPrefix + name,
                        description.length == 0 ? "" : description[0]));
            }
        });
        return text.toString().stripTrailing();
    }

    /** Runs {@code args} (as typed: {@code --config.KEY=VALUE} allowed) and returns the exit code. */
    public static int execute(FahrContext context, List<String> args, ErrorSink errors) {
        Optional<CommandLine> alone = args.isEmpty() ? Optional.empty()
                : verbAlone(context, args.get(0));
        return alone.isPresent() ? execute(alone.get(), context, args.subList(1, args.size()), errors)
                : execute(commandLine(context), context, args, errors);
    }

    static int execute(CommandLine line, FahrContext context, List<String> args, ErrorSink errors) {
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
