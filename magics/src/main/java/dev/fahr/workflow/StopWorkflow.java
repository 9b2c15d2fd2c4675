package dev.fahr.workflow;

import java.util.ArrayList;
import java.util.List;

import dev.fahr.driver.TrainingDriver;
import dev.fahr.records.JobRecord;
import dev.fahr.records.JobRecords;

/** {@code stop}: asks each selected job's driver to stop it (SIGTERM, then a kill after the grace period). */
public final class StopWorkflow {

    /**
     * What became of one job.
     *
     * @param job          the job as recorded
     * @param alreadyEnded whether it had ended, so nothing was asked of its driver
     */
    public record Outcome(JobRecord job, boolean alreadyEnded) {
    }

    private final DriverRegistry drivers;
    private final JobRecords records;

    public StopWorkflow(DriverRegistry drivers, JobRecords records) {
        this.drivers = drivers;
        this.records = records;
    }

    /** @param selectors job names, unique prefixes, grid ids or {@code latest} (see {@link JobSelector}) */
    public List<Outcome> stop(List<String> selectors) {
        List<Outcome> outcomes = new ArrayList<>();
        for (JobRecord record : JobSelector.select(records.all(), selectors, records.projectFolder())) {
            if (record.state().isTerminal()) {
                outcomes.add(new Outcome(record, true));
                continue;
            }
            TrainingDriver driver = drivers.get(record.driver());
            driver.stop(record.name(), DriverSettings.of(driver, record));
            outcomes.add(new Outcome(record, false));
        }
        return outcomes;
    }
}
