package dev.fahr.workflow;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.fahr.driver.FetchResult;
import dev.fahr.driver.TrainingDriver;
import dev.fahr.records.JobRecord;
import dev.fahr.records.JobRecords;

/**
 * {@code fetch JOB [DIR]}, and the original fahr's {@code fetch LOCAL_PATH JOB}: brings back a job's model
 * artefacts and executed notebook into a folder, by default {@code fetched/<job>} beside the notebook.
 */
public final class FetchWorkflow {

    /** What was fetched, where to. */
    public record Fetched(JobRecord job, Path target, FetchResult result) {
    }

    private final DriverRegistry drivers;
    private final JobRecords records;
    private final Path workingDirectory;

    public FetchWorkflow(DriverRegistry drivers, JobRecords records, Path workingDirectory) {
        this.drivers = drivers;
        this.records = records;
        this.workingDirectory = workingDirectory;
    }

    /**
     * @param first  the job, or, in the original order, the folder
     * @param second the folder, or, in the original order, the job
     */
    public Fetched fetch(String first, Optional<String> second, boolean extract) {
        List<JobRecord> all = records.all();
        String job = first;
        Optional<String> folder = second;
        if (second.isPresent() && !matchesAny(all, first) && matchesAny(all, second.get())) {
            job = second.get();
            folder = Optional.of(first);
        }
        JobRecord record = JobSelector.one(all, job);
        Path target = folder.map(f -> workingDirectory.resolve(f).normalize())
                .orElseGet(() -> workingDirectory.resolve("fetched").resolve(record.name().value()));
        TrainingDriver driver = drivers.get(record.driver());
        return new Fetched(record, target, driver.fetch(record.name(), target, extract, DriverSettings.of(driver, record)));
    }

    private static boolean matchesAny(List<JobRecord> records, String selector) {
        try {
            JobSelector.one(records, selector);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
