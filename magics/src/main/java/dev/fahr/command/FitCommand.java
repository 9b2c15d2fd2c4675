package dev.fahr.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.fahr.image.BuildEvent;
import dev.fahr.records.JobRecord;
import dev.fahr.job.CostEstimate;
import dev.fahr.job.Hyperparameters;
import dev.fahr.workflow.FitListener;
import dev.fahr.workflow.FitOptions;
import dev.fahr.workflow.FitResult;
import dev.fahr.workflow.InitResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fit [ARTIFACT]}: init, build the image, push it where the driver needs it and launch the job
 * (or a grid of jobs), then return at once with the job names and where to follow them.
 */
@Command(name = "fit", description = "Init, build the image, and launch training: one job, or one per combination of "
        + "--hp values. Returns as soon as the jobs are launched.")
public final class FitCommand implements Callable<Integer> {

    private final FahrContext context;

    @Mixin
    TrainOptions options = new TrainOptions();

    @Option(names = "--hp", paramLabel = "NAME=V1[,V2...]",
            description = "Hyperparameter values; several --hp launch the cross product as separate jobs.")
    List<String> hyperparameters = new ArrayList<>();

    @Option(names = "--allow-undeclared", description = "Pass --hp names that the notebook neither declares in its "
            + "parameters cell nor reads with a literal Fahr.hyperparameter(\"...\") (one read from a variable, say).")
    boolean allowUndeclared;

    @Option(names = "--dry-run", description = "Check the launch and show what it may cost; build, push and launch"
            + " nothing.")
    boolean dryRun;

    @Mixin
    JsonOption json = new JsonOption();

    public FitCommand(FahrContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        CommandOutput output = context.output();
        try (CommandOutput.LiveView progress = output.live()) {
            BuildProgressText build = new BuildProgressText(output, progress);
            boolean jsonOut = json.enabled() || output.jsonMode();
            FitResult result = Workflows.fit(context).run(options.toRequest(),
                    new FitOptions(hyperparameters, allowUndeclared, dryRun), new FitListener() {
                @Override
                public void waiting(String note) {
                    output.line(note);
                }

                @Override
                public void initialized(InitResult init) {
                    InitCommand.report(output, init);
                }

                @Override
                public void estimated(CostEstimate estimate) {
                    if (!jsonOut) {
                        CostText.report(output, estimate);
                    }
                }

                @Override
                public void building(BuildEvent event) {
                    build.accept(event);
                }

                @Override
                public void publishing(String what, String detail, double fraction) {
                    progress.text(what + ": " + detail);
                }
            });
            if (jsonOut) {
                output.json(JobJson.fitToJson(result.jobs(), result.estimate(), context.clock().instant()));
            } else if (dryRun) {
                reportDryRun(result);
            } else {
                reportLaunched(result);
            }
        }
        return 0;
    }

    private void reportDryRun(FitResult result) {
        CommandOutput output = context.output();
        int count = result.combinations().size();
        output.line("Dry run: " + count + (count == 1 ? " job" : " jobs") + " would be launched on "
                + result.init().driver() + "; nothing was built, pushed or launched.");
        for (Hyperparameters combination : result.combinations()) {
            if (!combination.isEmpty()) {
                output.line("  " + combination.summary());
            }
        }
    }

    private void reportLaunched(FitResult result) {
        CommandOutput output = context.output();
        for (JobRecord job : result.jobs()) {
            output.line("Launched " + job.name() + (job.hyperparameters().isEmpty() ? "" : " ("
                    + String.join(", ", job.hyperparameters().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                    + ")") + job.consoleUrl().map(u -> " " + u).orElse(""));
        }
        String follow = result.grid().orElse(result.jobs().get(0).name().value());
        boolean notebook = context.kernel().isPresent();
        output.line("Follow it with " + (notebook ? "%fahr_status " + follow + " or %fahr_logs "
                : "fahr status " + follow + " or fahr logs ") + result.jobs().get(0).name()
                + (notebook ? " --follow" : " --follow") + "; fetch the model with "
                + (notebook ? "%fahr_fetch " : "fahr fetch ") + result.jobs().get(0).name() + ".");
    }
}
