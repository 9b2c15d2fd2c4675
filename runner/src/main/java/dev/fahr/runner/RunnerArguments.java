package dev.fahr.runner;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The runner's command line: {@code train --script FILE [--lib DIR] [--notebook-name NAME] [--notebook FILE]}.
 * {@code train} comes first because SageMaker starts a training image as {@code docker run IMAGE train}.
 *
 * @param script       the exported notebook to run
 * @param libDir       a folder whose jars go on the script's class path, if given
 * @param notebookName the notebook the script was exported from, if given; names the executed copy
 * @param notebook     the notebook itself, as the export left it beside the script, if given: the executed
 *                     notebook is this one with the job's outputs filled in
 */
record RunnerArguments(Path script, Optional<Path> libDir, Optional<String> notebookName, Optional<Path> notebook) {

    static final String USAGE =
            "usage: fahr-runner train --script FILE [--lib DIR] [--notebook-name NAME] [--notebook FILE]";

    /** @throws IllegalArgumentException with a message fit for the user when the arguments are wrong */
    static RunnerArguments parse(String... args) {
        if (args.length == 0 || !"train".equals(args[0])) {
            throw new IllegalArgumentException(args.length == 0
                    ? "missing command 'train'"
                    : "unknown command '" + args[0] + "'; the only command is 'train'");
        }
        Path script = null;
        Path libDir = null;
        String notebookName = null;
        Path notebook = null;
        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--script" -> script = Path.of(value);
                case "--lib" -> libDir = Path.of(value);
                case "--notebook-name" -> notebookName = value;
                case "--notebook" -> notebook = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (script == null) {
            throw new IllegalArgumentException("missing --script FILE");
        }
        return new RunnerArguments(script, Optional.ofNullable(libDir), Optional.ofNullable(notebookName),
                Optional.ofNullable(notebook));
    }

    /** The executed copy's base name: the notebook's name, or else the script's, without extension. */
    String executedNotebookBaseName() {
        String name = notebookName.orElse(script.getFileName().toString());
        name = Path.of(name).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
