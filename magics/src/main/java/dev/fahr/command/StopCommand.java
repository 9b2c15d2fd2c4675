package dev.fahr.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.fahr.driver.TrainingDriver;
import dev.fahr.records.JobRecord;
import dev.fahr.records.JobRecords;
import dev.fahr.workflow.DriverSettings;
import dev.fahr.workflow.JobSelector;
import dev.fahr.workflow.ProjectLayout;
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
        JobRecords records = ProjectLayout.around(context.workingDirectory()).records();
        for (JobRecord record : JobSelector.select(records.all(), jobs)) {
            if (record.state().isTerminal()) {
                context.output().line(record.name() + " has already ended (" + record.state().label() + ")");
                continue;
            }
            TrainingDriver driver = context.drivers().get(record.driver());
            driver.stop(record.name(), DriverSettings.of(driver, record));
            context.output().line("stopping " + record.name() + "; status shows when it has stopped");
        }
        return 0;
    }
}
