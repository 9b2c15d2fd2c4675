package dev.fahr.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.fahr.driver.FetchResult;
import dev.fahr.driver.TrainingDriver;
import dev.fahr.records.JobRecord;
import dev.fahr.workflow.DriverSettings;
import dev.fahr.workflow.JobSelector;
import dev.fahr.workflow.ProjectLayout;
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
        List<JobRecord> records = ProjectLayout.around(context.workingDirectory()).records().all();
        String jobArgument = arguments.get(0);
        String folderArgument = arguments.size() > 1 ? arguments.get(1) : null;
        if (folderArgument != null && !matchesAny(records, jobArgument) && matchesAny(records, folderArgument)) {
            // The original fahr's order: fetch LOCAL_PATH JOB_NAME.
            String swap = jobArgument;
            jobArgument = folderArgument;
            folderArgument = swap;
        }
        JobRecord record = JobSelector.one(records, jobArgument);
        Path target = folderArgument == null ? context.resolve("fetched").resolve(record.name().value())
                : context.resolve(folderArgument);
        TrainingDriver driver = context.drivers().get(record.driver());
        FetchResult result = driver.fetch(record.name(), target, !noExtract, DriverSettings.of(driver, record));
        context.output().line("fetched " + record.name() + " into " + target
                + (result.extracted().isEmpty() ? " (" + result.archive().getFileName() + ")"
                : " (" + result.extracted().size() + " files)"));
        return 0;
    }

    private static boolean matchesAny(List<JobRecord> records, String selector) {
        try {
            JobSelector.one(records, selector);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
