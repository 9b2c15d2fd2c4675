package dev.fahr.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.fahr.job.JobName;
import dev.fahr.job.JobState;
import dev.fahr.job.JobStatus;
import dev.fahr.records.JobRecord;
import dev.fahr.records.JobRecords;
import dev.fahr.testing.InMemoryDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusWorkflowTest {

    private static final Path PROJECT = Path.of("/work/project");

    @TempDir
    Path project;

    private final Instant now = Instant.parse("2026-11-26T12:00:00Z");
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    private final InMemoryDriver driver = new InMemoryDriver();

    private JobRecord record(String name, boolean submitted, Instant created, String grid) {
        return JobRecord.builder(JobName.parse(name), "memory", created).submitted(submitted)
                .grid(grid).settings(Map.of("region", "eu-west-1")).build();
    }

    @Test
    void manyJobsAreAskedInOneCallAndTheRecordsUpdated() {
        JobRecords records = new JobRecords(project);
        for (int i = 0; i < 10; i++) {
            JobName name = JobName.parse("job-" + i);
            records.add(record(name.value(), true, now.minusSeconds(60), "g"));
            driver.jobs.put(name, JobStatus.builder(name, i < 5 ? JobState.COMPLETED : JobState.IN_PROGRESS)
                    .secondaryStatus(i < 5 ? "Completed" : "Training").build());
        }
        List<JobRecord> refreshed = new StatusWorkflow(new DriverRegistry(List.of(driver)), records, clock)
                .refresh(List.of("g"));
        assertEquals(1, driver.statusCalls.get(), "one batched call for ten jobs");
        assertEquals(10, refreshed.size());
        assertEquals(JobState.COMPLETED, records.find(JobName.parse("job-0")).orElseThrow().state());
        assertEquals("Training", records.find(JobName.parse("job-9")).orElseThrow().secondaryStatus());

        new StatusWorkflow(new DriverRegistry(List.of(driver)), records, clock).refresh(List.of("job-0"));
        assertEquals(1, driver.statusCalls.get(), "ended jobs are not asked again");
    }

    /** Records read back from disk may hold equal settings in a different order; they are still one call. */
    @Test
    void equalSettingsInAnyOrderAreOneCall() {
        JobRecords records = new JobRecords(project);
        List<List<String>> orders = List.of(List.of("region", "role_name", "metrics", "output_path"),
                List.of("output_path", "metrics", "role_name", "region"), List.of("metrics", "region", "output_path",
                        "role_name"), List.of("role_name", "output_path", "region", "metrics"));
        for (int i = 0; i < orders.size(); i++) {
            Map<String, String> settings = new java.util.LinkedHashMap<>();
            orders.get(i).forEach(key -> settings.put(key, key + "-value"));
            JobName name = JobName.parse("ordered-" + i);
            records.add(JobRecord.builder(name, "memory", now.minusSeconds(60)).submitted(true).settings(settings)
                    .build());
            driver.jobs.put(name, JobStatus.builder(name, JobState.IN_PROGRESS).build());
        }
        new StatusWorkflow(new DriverRegistry(List.of(driver)), records, clock).refresh(List.of());
        assertEquals(1, driver.statusCalls.get(), "one call for jobs with equal settings");
    }

    @Test
    void aJobRecordedButNeverSubmittedIsShownAsSuchNotLostAndNotRelaunched() {
        JobRecords records = new JobRecords(project);
        records.add(record("crashed-before-submit", false, now.minus(Duration.ofMinutes(10)), null));
        records.add(record("being-submitted", false, now.minusSeconds(5), null));
        List<JobRecord> refreshed = new StatusWorkflow(new DriverRegistry(List.of(driver)), records, clock)
                .refresh(List.of());
        JobRecord crashed = refreshed.stream().filter(r -> r.name().value().startsWith("crashed")).findFirst().orElseThrow();
        assertEquals(JobState.FAILED, crashed.state());
        assertEquals("NotSubmitted", crashed.secondaryStatus());
        assertTrue(crashed.failureReason().orElseThrow().contains("never submitted"));
        JobRecord young = refreshed.stream().filter(r -> r.name().value().startsWith("being")).findFirst().orElseThrow();
        assertEquals(JobState.PENDING, young.state(), "a launch may still be under way");
        assertTrue(driver.jobs.isEmpty(), "status never launches anything");
    }

    @Test
    void aJobSubmittedButNotYetMarkedIsReattached() {
        JobRecords records = new JobRecords(project);
        records.add(record("crashed-after-submit", false, now.minus(Duration.ofMinutes(10)), null));
        JobName name = JobName.parse("crashed-after-submit");
        driver.jobs.put(name, JobStatus.builder(name, JobState.IN_PROGRESS).secondaryStatus("Training").build());
        new StatusWorkflow(new DriverRegistry(List.of(driver)), records, clock).refresh(List.of());
        JobRecord record = records.find(name).orElseThrow();
        assertTrue(record.submitted());
        assertEquals(JobState.IN_PROGRESS, record.state());
    }

    @Test
    void selectorsNameJobsByNamePrefixOrGrid() {
        List<JobRecord> all = List.of(record("a-1", true, now, "grid-x"), record("a-2", true, now, "grid-x"),
                record("b-1", true, now, null));
        assertEquals(2, JobSelector.select(all, List.of("grid-x"), PROJECT).size());
        assertEquals(2, JobSelector.select(all, List.of("a-"), PROJECT).size());
        assertEquals("b-1", JobSelector.one(all, "b", PROJECT).name().value());
        IllegalArgumentException ambiguous = assertThrows(IllegalArgumentException.class, () -> JobSelector.one(all, "a", PROJECT));
        assertTrue(ambiguous.getMessage().contains("matches 2 jobs"));
        assertThrows(IllegalArgumentException.class, () -> JobSelector.select(all, List.of("zzz"), PROJECT));
    }
}
