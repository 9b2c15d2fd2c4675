package dev.fahr.command;

import picocli.CommandLine;

/**
 * A command that fails prints one line naming the problem and the fix: the exception's message, which
 * every layer writes for that purpose; a stack trace is for bugs only (FAHR_DEBUG=1 shows it).
 */
final class OneLineErrors implements CommandLine.IExecutionExceptionHandler {

    private final CommandOutput output;

    OneLineErrors(CommandOutput output) {
        this.output = output;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine line, CommandLine.ParseResult parsed) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
        // "fahr fit" under the root, or alone (FahrCommand.verbAlone); "%fahr_fit" as a magic
        line.getErr().println(line.getCommandSpec().qualifiedName() + ": " + message);
        if ("1".equals(System.getenv("FAHR_DEBUG"))) {
            e.printStackTrace(line.getErr());
        }
        line.getErr().flush();
        return isUsageError(e) ? FahrCommand.EXIT_USAGE : FahrCommand.EXIT_FAILURE;
    }

    /** A mistake in how fahr was called (exit code 2): a bad option value, image, setting or missing file. */
    static boolean isUsageError(Throwable e) {
        return e instanceof ConfigArguments.UsageException || e instanceof dev.fahr.workflow.UsageError
                || e instanceof dev.fahr.image.ImageSettingException || e instanceof dev.fahr.settings.SettingsException;
    }
}
