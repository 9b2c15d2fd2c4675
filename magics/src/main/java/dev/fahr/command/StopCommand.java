package dev.fahr.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.fahr.records.JobRecord;
import dev.fahr.workflow.StopWorkflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stop JOB ...}: asks jobs to stop (SIGTERM, then a kill after the grace period). */
@Command(name = "stop", description = "Stop running jobs: they get SIGTERM, then are killed after a grace period.")
public final class StopCommand implements Callable<Integer> {

    private final FahrContext context;

    @Parameters(arity = "1..*", paramLabel = "JOB", description = "Job names, name prefixes or grid ids.")
    List<String> jobs = new ArrayList<>();

    public StopCommand(FahrContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        for (StopWorkflow.Outcome outcome : Workflows.stop(context).stop(jobs)) {
            JobRecord record = outcome.job();
            context.output().line(outcome.alreadyEnded()
                    ? record.name() + " has already ended (" + record.state().label() + ")"
                    : "stopping " + record.name() + "; status shows when it has stopped");
        }
        return 0;
    }
}
