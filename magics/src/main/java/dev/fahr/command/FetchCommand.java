package dev.fahr.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.fahr.driver.FetchResult;
import dev.fahr.workflow.FetchWorkflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fetch JOB [DIR]}, and the original fahr's {@code fetch LOCAL_PATH JOB}: downloads the model
 * artefacts and the executed notebook and extracts them into the folder (never anywhere else).
 */
@Command(name = "fetch", description = "Download a job's model artefacts and executed notebook into a folder "
        + "(default: fetched/<job> beside the notebook). Also accepts the original order: fetch LOCAL_PATH JOB.")
public final class FetchCommand implements Callable<Integer> {

    private static final int NAMES_SHOWN = 6;

    private final FahrContext context;

    @Parameters(arity = "1..2", paramLabel = "JOB [DIR]", description = "The job, then the target folder.")
    List<String> arguments = new ArrayList<>();

    @Option(names = "--no-extract", description = "Keep model.tar.gz as it is.")
    boolean noExtract;

    @Option(names = "--train-driver", hidden = true, description = "Accepted for the original fahr's spelling; records know each job's driver.")
    String trainDriver;

    public FetchCommand(FahrContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        FetchWorkflow.Fetched fetched = Workflows.fetch(context).fetch(arguments.get(0),
                arguments.size() > 1 ? Optional.of(arguments.get(1)) : Optional.empty(), !noExtract);
        context.output().line("fetched " + fetched.job().name() + " into " + fetched.target() + ": "
                + names(fetched.target(), fetched.result()));
        return 0;
    }

    /** What the user finds there, by name: a few, and how many more. */
    static String names(Path target, FetchResult result) {
        List<String> names = result.files().stream().map(file -> target.relativize(file).toString()).toList();
        if (names.size() <= NAMES_SHOWN) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, NAMES_SHOWN - 1)) + " and " + (names.size() - NAMES_SHOWN + 1)
                + " more files";
    }
}
