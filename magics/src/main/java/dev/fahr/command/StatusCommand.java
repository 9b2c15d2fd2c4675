package dev.fahr.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.fahr.records.JobRecord;
import dev.fahr.workflow.ProjectLayout;
import dev.fahr.workflow.StatusWorkflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code status [JOB ...]}: one table of the project's jobs, kept up to date while they run. */
@Command(name = "status", description = "Show how the project's jobs are doing: one table, "
        + "updated in place while jobs run (in a notebook by default, with --watch in a terminal).")
public final class StatusCommand implements Callable<Integer> {

    private final FahrContext context;

    @Parameters(arity = "0..*", paramLabel = "JOB", description = "Job names, name prefixes, grid ids or latest (the latest launch; default: the latest jobs).")
    List<String> jobs = new ArrayList<>();

    @Option(names = "--watch", description = "Keep the table updating until every job shown has ended.")
    Boolean watch;

    @Option(names = "--no-watch", description = "Show the table once.")
    boolean noWatch;

    @Option(names = "--wait", description = "Return only when every job shown has ended, updating the table meanwhile; "
            + "fails when any of them did not complete (for scripts, and notebooks run top to bottom).")
    boolean waitForEnd;

    @Option(names = "--train-driver", hidden = true, description = "Accepted for the original fahr's spelling; records know each job's driver.")
    String trainDriver;

    @Option(names = "--sort", paramLabel = "[-]METRIC", description = "Sort each grid's jobs by a metric: "
            + "--sort=loss lowest first, --sort=-accuracy highest first.")
    String sortOption;

    @Option(names = "--csv", arity = "0..1", paramLabel = "FILE", fallbackValue = "-", description = "Write the "
            + "jobs as CSV, one column per hyperparameter and per metric, to FILE (default: the output).")
    String csv;

    @Mixin
    JsonOption json = new JsonOption();

    public StatusCommand(FahrContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ProjectLayout project = ProjectLayout.around(context.workingDirectory());
        StatusWorkflow workflow = Workflows.status(context);
        List<JobRecord> records = workflow.refresh(jobs);
        if (records.isEmpty() && !(json.enabled() || context.output().jsonMode())) {
            context.output().line("No jobs recorded in " + project.projectFolder() + " yet; launch one with fit.");
            return 0;
        }
        List<JobRecord> shown = records;
        Optional<MetricSort> sort = Optional.ofNullable(sortOption).map(option -> MetricSort.forOption(option, shown));
        if (csv != null) {
            String text = JobCsv.toCsv(records, context.clock().instant());
            if (csv.equals("-")) {
                text.lines().forEach(context.output()::line);
            } else {
                Path file = context.resolve(csv);
                try {
                    Files.writeString(file, text);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
                }
                context.output().line("wrote " + records.size() + " jobs to " + file);
            }
            return 0;
        }
        if (waitForEnd) {
            boolean jsonOut = json.enabled() || context.output().jsonMode();
            records = new StatusPoller(context, workflow, jobs, sort).waitUntilEnded(records, !jsonOut);
            if (jsonOut) {
                context.output().json(JobJson.toJson(records, context.clock().instant()));
            }
            StatusPoller.requireCompleted(records);
            return 0;
        }
        if (json.enabled() || context.output().jsonMode()) {
            context.output().json(JobJson.toJson(records, context.clock().instant()));
            return 0;
        }
        boolean live = watch != null ? watch : context.liveByDefault() && !noWatch;
        StatusPoller poller = new StatusPoller(context, workflow, jobs, sort);
        if (live) {
            poller.startLive(records);
        } else {
            context.output().table(poller.render(records));
        }
        return 0;
    }
}
