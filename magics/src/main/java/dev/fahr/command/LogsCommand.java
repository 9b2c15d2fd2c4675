package dev.fahr.command;

import java.util.concurrent.Callable;

import dev.fahr.driver.LogRequest;
import dev.fahr.workflow.UsageError;
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
            throw new UsageError("--tail must be 0 or more, not " + tail);
        }
        LogRequest request = tail == null ? LogRequest.ALL : LogRequest.tail(tail);
        Workflows.logs(context).logs(job, follow ? request.following() : request,
                (time, stream, text) -> context.output().line(text));
        return 0;
    }
}
