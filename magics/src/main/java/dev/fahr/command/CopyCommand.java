package dev.fahr.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.fahr.workflow.CopyWorkflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code copy SRC DEST [--include-training-artifact=FILE] [--overwrite]}: the user guide's next-experiment step. */
@Command(name = "copy", description = "Start an experiment from another: copy its Dockerfile, run.sh, settings and "
        + "dependency manifest (and, if asked, its training artefact) into DEST.")
public final class CopyCommand implements Callable<Integer> {

    private final FahrContext context;

    @Parameters(index = "0", paramLabel = "SRC", description = "The experiment folder to copy from.")
    Path source;

    @Parameters(index = "1", paramLabel = "DEST", description = "The folder to copy into (created if missing).")
    Path destination;

    @Option(names = "--include-training-artifact", paramLabel = "FILE", description = "Also copy this file from SRC.")
    String artifact;

    @Option(names = "--overwrite", description = "Replace files DEST already has.")
    boolean overwrite;

    public CopyCommand(FahrContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path from = context.workingDirectory().resolve(source).normalize();
        Path to = context.workingDirectory().resolve(destination).normalize();
        List<Path> copied = new CopyWorkflow().copy(from, to, Optional.ofNullable(artifact), overwrite);
        context.output().line("Copied " + copied.size() + " files from " + from + " into " + to + ": "
                + String.join(", ", copied.stream().map(p -> to.relativize(p).toString()).toList()));
        return 0;
    }
}
