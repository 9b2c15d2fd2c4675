package dev.fahr.command;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.fahr.workflow.DiffWorkflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code diff JOB_A JOB_B}: what differs between two runs (hyperparameters, settings, image, dependencies and
 * the notebook's cells), shown next to their metrics and durations: an HTML diff in a notebook, a unified
 * diff in the shell.
 */
@Command(name = "diff", description = "Show what differs between two runs: hyperparameters, settings, image, "
        + "dependency versions and the notebook's cells, next to their metrics and durations.")
public final class DiffCommand implements Callable<Integer> {

    private final FahrContext context;

    @Parameters(index = "0", paramLabel = "JOB_A", description = "A job name, prefix or latest.")
    String first;

    @Parameters(index = "1", paramLabel = "JOB_B", description = "The job to compare it with.")
    String second;

    public DiffCommand(FahrContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        DiffWorkflow.RunDiff diff = Workflows.diff(context).diff(first, second);
        context.output().table(new StatusTable(context.clock()).render(List.of(diff.a(), diff.b()), Map.of()));
        context.output().document(RunDiffText.text(diff), RunDiffText.html(diff));
        return 0;
    }
}
