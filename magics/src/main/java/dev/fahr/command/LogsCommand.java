package dev.fahr.command;

import java.util.concurrent.Callable;

import dev.fahr.driver.LogRequest;
import dev.fahr.driver.TrainingDriver;
import dev.fahr.records.JobRecord;
import dev.fahr.workflow.DriverSettings;
import dev.fahr.workflow.JobSelector;
import dev.fahr.workflow.ProjectLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code logs JOB [--follow] [--tail N]}: a job's output, kept even after the job ended. */
@Command(name = "logs", description = "Show a job's log; --follow keeps printing until the job ends.")
public final class LogsCommand implements Callable<Integer> {

    private final FahrContext context;

    @Parameters(index = "0", paramLabel = "JOB", description = "A job name or a unique prefix of one.")
    String job;

    @Option(names = "--follow", description = "Keep printing new lines until the job ends.")
    boolean follow;

    @Option(names = "--tail", paramLabel = "N", description = "Only the last N lines.")
    Integer tail;

    public LogsCommand(FahrContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (tail != null && tail < 0) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--tail must be 0 or more, not " + tail);
        }
        JobRecord record = JobSelector.one(ProjectLayout.around(context.workingDirectory()).records().all(), job);
        TrainingDriver driver = context.drivers().get(record.driver());
        LogRequest request = tail == null ? LogRequest.ALL : LogRequest.tail(tail);
        driver.logs(record.name(), follow ? request.following() : request, DriverSettings.of(driver, record),
                (time, stream, text) -> context.output().line(text));
        return 0;
    }
}
