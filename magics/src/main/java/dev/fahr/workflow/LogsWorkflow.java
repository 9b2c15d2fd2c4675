package dev.fahr.workflow;

import java.util.ArrayList;
import java.util.List;

import dev.fahr.driver.LogRequest;
import dev.fahr.driver.LogSink;
import dev.fahr.driver.TrainingDriver;
import dev.fahr.records.JobRecord;
import dev.fahr.records.JobRecords;

/** {@code logs}: a job's output from its driver, kept even after the job ended. */
public final class LogsWorkflow {

    private final DriverRegistry drivers;
    private final JobRecords records;

    public LogsWorkflow(DriverRegistry drivers, JobRecords records) {
        this.drivers = drivers;
        this.records = records;
    }

    /** The log of the one job {@code selector} names, line by line into {@code sink}. */
    public void logs(String selector, LogRequest request, LogSink sink) {
        logs(JobSelector.one(records.all(), selector, records.projectFolder()), request, sink);
    }

    /**
     * The last lines of a job's log, as the status table shows them under a failed job; a log that cannot
     * be read is one line saying why, since the table must show whatever it can.
     */
    public List<String> lastLines(JobRecord record, int count) {
        List<String> lines = new ArrayList<>();
        try {
            logs(record, LogRequest.tail(count), (time, stream, text) -> lines.add(text));
            return lines;
        } catch (RuntimeException e) {
            return List.of("(the log is unavailable: " + e.getMessage() + ")");
        }
    }

    private void logs(JobRecord record, LogRequest request, LogSink sink) {
        TrainingDriver driver = drivers.get(record.driver());
        driver.logs(record.name(), request, DriverSettings.of(driver, record), sink);
    }
}
