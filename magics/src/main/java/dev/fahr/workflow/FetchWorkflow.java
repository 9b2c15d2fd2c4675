package dev.fahr.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.fahr.driver.DriverException;
import dev.fahr.driver.FetchResult;
import dev.fahr.driver.TrainingDriver;
import dev.fahr.records.JobRecord;
import dev.fahr.files.StagedFolder;
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
        JobRecord record = JobSelector.one(all, job, records.projectFolder());
        Path target = folder.map(f -> workingDirectory.resolve(f).normalize())
                .orElseGet(() -> workingDirectory.resolve("fetched").resolve(record.name().value()));
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new DriverException(target + " is a file: fetch into a folder");
        }
        TrainingDriver driver = drivers.get(record.driver());
        // All or nothing: the driver fills a hidden sibling, moved into the target only once whole. A cut
        // download or a full disk leaves the target as it was, and no empty target folder behind.
        try {
            FetchResult result = StagedFolder.fill(target, "fetching", staging -> {
                try {
                    return placed(staging, target, driver.fetch(record.name(), staging, extract,
                            DriverSettings.of(driver, record)));
                } catch (DriverException e) {
                    // The user knows the target, not the hidden folder it is filled in.
                    throw new DriverException(e.getMessage().replace(staging.toString(), target.toString())
                            + (e.getMessage().contains(staging.toString()) ? "; nothing was changed there" : ""), e);
                }
            });
            return new Fetched(record, target, result);
        } catch (IOException e) {
            throw new DriverException("cannot fetch " + record.name() + " into " + target + ": " + e.getMessage()
                    + "; nothing was changed there", e);
        }
    }

    private static FetchResult placed(Path staging, Path target, FetchResult result) {
        return new FetchResult(StagedFolder.placed(staging, target, result.archive()),
                placed(staging, target, result.extracted()), placed(staging, target, result.notebooks()));
    }

    private static List<Path> placed(Path staging, Path target, List<Path> files) {
        return files.stream().map(path -> StagedFolder.placed(staging, target, path)).toList();
    }

    private boolean matchesAny(List<JobRecord> all, String selector) {
        try {
            JobSelector.one(all, selector, records.projectFolder());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
