package dev.fahr.command;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.fahr.records.JobRecord;
import dev.fahr.workflow.DiffWorkflow;
import dev.fahr.workflow.UsageError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code diff JOB_A JOB_B}: what differs between two runs (hyperparameters, settings, image, dependencies and
 * the notebook's cells), shown next to their metrics and durations: an HTML diff in a notebook, a unified
 * diff in the shell. {@code diff GRID --sort=-accuracy} compares the best two runs of a grid, the way a user
 * reads one after {@code status GRID --sort=-accuracy}.
 */
@Command(name = "diff", description = "Show what differs between two runs: hyperparameters, settings, image, "
        + "dependency versions and the notebook's cells, next to their metrics and durations.")
public final class DiffCommand implements Callable<Integer> {

    private final FahrContext context;

    @Parameters(arity = "1..2", paramLabel = "JOB", description = "Two jobs (names, prefixes or latest), or one "
            + "grid (or latest) with --sort to compare its best two.")
    List<String> jobs;

    @Option(names = "--sort", paramLabel = "[-]METRIC", description = "With one grid: compare its best two runs by "
            + "this metric, e.g. --sort=-accuracy (highest first) or --sort=loss (lowest first).")
    String sortOption;

    public DiffCommand(FahrContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        // Refreshed first: the diff shows their metrics and durations, which change while they run.
        List<JobRecord> shown = Workflows.status(context).refresh(jobs);
        DiffWorkflow workflow = Workflows.diff(context);
        DiffWorkflow.RunDiff diff;
        if (jobs.size() == 2) {
            if (sortOption != null) {
                throw new UsageError("--sort picks the best two of one grid; with two jobs named, drop it");
            }
            diff = workflow.diff(jobs.get(0), jobs.get(1));
        } else {
            List<JobRecord> best = bestTwo(shown);
            context.output().line("the best two of " + jobs.get(0) + " by " + sortOption + ": " + best.get(0).name()
                    + " and " + best.get(1).name());
            diff = workflow.diff(best.get(0), best.get(1));
        }
        context.output().table(new StatusTable(context.clock()).render(List.of(diff.a(), diff.b()), Map.of()));
        context.output().document(RunDiffText.text(diff), RunDiffText.html(diff));
        return 0;
    }

    private List<JobRecord> bestTwo(List<JobRecord> shown) {
        if (sortOption == null) {
            throw new UsageError("name two jobs (diff JOB_A JOB_B), or one grid with --sort=[-]METRIC to compare its"
                    + " best two");
        }
        MetricSort sort = MetricSort.forOption(sortOption, shown);
        List<JobRecord> ranked = shown.stream().filter(r -> r.metrics().containsKey(sort.metric()))
                .sorted(sort.comparator()).toList();
        if (ranked.size() < 2) {
            throw new UsageError(jobs.get(0) + " has " + ranked.size() + " job" + (ranked.size() == 1 ? "" : "s")
                    + " reporting " + sort.metric() + "; a comparison needs two");
        }
        return ranked.subList(0, 2);
    }
}
