package dev.fahr.command;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

import picocli.CommandLine;

/**
 * A command called wrongly (an unknown option, a missing argument) says what was wrong and where its options
 * are listed, in a few lines, rather than printing its whole usage after the error, which buried the one line
 * that mattered under forty. An option fit or init does not know is often a hyperparameter, which goes with
 * {@code --hp}: the command says so.
 */
final class OneLineUsageErrors implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        PrintWriter err = line.getErr();
        String name = line.getCommandSpec().qualifiedName();
        err.println(name + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched
                && line.getCommandSpec().findOption("--hp") != null) {
            hyperparameterHint(unmatched.getUnmatched()).ifPresent(err::println);
        }
        err.println(name + " --help shows how to call it.");
        err.flush();
        return FahrCommand.EXIT_USAGE;
    }

    /** {@code --epochs 3} or {@code --epochs=3}: the spelling that works is {@code --hp epochs=3}. */
    static Optional<String> hyperparameterHint(List<String> unmatched) {
        for (int i = 0; i < unmatched.size(); i++) {
            String arg = unmatched.get(i);
            if (!arg.startsWith("--") || arg.length() < 3) {
                continue;
            }
            String option = arg.substring(2);
            String value;
            int equals = option.indexOf('=');
            if (equals > 0) {
                value = option.substring(equals + 1);
                option = option.substring(0, equals);
            } else if (i + 1 < unmatched.size() && !unmatched.get(i + 1).startsWith("-")) {
                value = unmatched.get(i + 1);
            } else {
                continue;
            }
            if (option.matches("[A-Za-z_][A-Za-z0-9_.-]*") && !option.startsWith("config.")) {
                return Optional.of("Hyperparameters go with --hp: --hp " + option + "=" + value + ".");
            }
        }
        return Optional.empty();
    }
}
