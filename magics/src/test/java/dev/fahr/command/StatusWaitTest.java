package dev.fahr.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.fahr.job.JobName;
import dev.fahr.testing.ManualTime;
import dev.fahr.job.JobState;
import dev.fahr.job.JobStatus;
import dev.fahr.records.JobRecord;
import dev.fahr.records.JobRecords;
import dev.fahr.testing.InMemoryDriver;
import dev.fahr.workflow.DriverRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status --wait}: blocks until every job shown has ended, one table redrawn meanwhile. */
class StatusWaitTest {

    @TempDir
    Path project;

    private final InMemoryDriver driver = new InMemoryDriver();
    private final CommandLineTest.CapturingOutput output = new CommandLineTest.CapturingOutput();
    private final StringWriter errors = new StringWriter();
    private final ManualTime time = new ManualTime(Instant.parse("2026-12-03T12:00:00Z"));

    @BeforeEach
    void markProject() throws Exception {
        Files.createDirectories(project.resolve(".fahr"));
    }

    private int run(String... args) {
        FahrContext context = FahrContext.builder(project, output, new DriverRegistry(List.of(driver)))
                .clock(time).pacer(time.pacer()).liveByDefault(true).pollInterval(Duration.ofMillis(200)).build();
        return FahrCommand.execute(context, List.of(args), () -> new PrintWriter(errors, true));
    }

    private JobName running(String name) {
        JobName job = JobName.parse(name);
        new JobRecords(project).add(JobRecord.builder(job, "memory", time.instant()).submitted(true)
                .state(JobState.IN_PROGRESS).build());
        synchronized (driver) {
            driver.jobs.put(job, JobStatus.builder(job, JobState.IN_PROGRESS).secondaryStatus("Training").build());
        }
        return job;
    }

    private void endLater(JobName job, JobState state, String reason) {
        time.at(Duration.ofMillis(700), () -> {
            synchronized (driver) {
                driver.jobs.put(job, JobStatus.builder(job, state).secondaryStatus(state.label())
                        .failureReason(reason).build());
            }
        });
    }

    @Test
    void returnsWhenTheJobHasCompletedWithTheTableUpdatedInPlace() {
        JobName job = running("quickstart-1");
        endLater(job, JobState.COMPLETED, null);
        assertEquals(0, run("status", "--wait", "latest"), errors.toString());
        assertEquals(Duration.ofMillis(800), time.elapsed(), "it waited for the job, refreshing every 200 ms");
        assertTrue(output.tables.size() >= 2, "redrawn while waiting: " + output.tables.size());
        String first = TableText.render(output.tables.get(0));
        String last = TableText.render(output.tables.get(output.tables.size() - 1));
        assertTrue(first.contains("in progress"), first);
        assertTrue(last.contains("completed"), last);
        assertEquals(JobState.COMPLETED, new JobRecords(project).find(job).orElseThrow().state());
    }

    @Test
    void failsNamingTheJobThatDidNotComplete() {
        JobName ok = running("grid-a");
        JobName bad = running("grid-b");
        endLater(ok, JobState.COMPLETED, null);
        endLater(bad, JobState.FAILED, "cell 4: OutOfMemoryError");
        assertEquals(1, run("status", "--wait"));
        String text = errors.toString();
        assertTrue(text.contains("1 of 2 jobs did not complete: grid-b failed (cell 4: OutOfMemoryError)"), text);
    }

    @Test
    void passingFaultsDoNotEndTheWaitAndOneThatLastsEndsItWithItsMessage() {
        JobName job = running("throttled-1");
        endLater(job, JobState.COMPLETED, null);
        // After the first refresh: a status that cannot look once fails at once, with the SDK's retries spent.
        time.at(Duration.ofMillis(100), () -> driver.failStatusCalls(LiveLoop.FAILURES_IN_A_ROW - 1));
        assertEquals(0, run("status", "--wait", "latest"), errors.toString());
        assertEquals(JobState.COMPLETED, new JobRecords(project).find(job).orElseThrow().state());

        JobName stuck = running("throttled-2");
        time.at(time.elapsed().plusMillis(100), () -> driver.failStatusCalls(100));
        assertEquals(1, run("status", "--wait", stuck.value()));
        assertTrue(errors.toString().contains("ThrottlingException: Rate exceeded"), errors.toString());
    }

    @Test
    void theLiveTableKeepsGoingThroughFailedRefreshesAndSaysSo() throws Exception {
        JobName job = running("live-1");
        endLater(job, JobState.COMPLETED, null);
        assertEquals(0, run("status", job.value()), errors.toString());
        driver.failStatusCalls(2);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (output.tables.stream().noneMatch(t -> TableText.render(t).contains("completed"))) {
            assertTrue(System.nanoTime() < deadline, "the live table stopped: " + output.tables + output.lines);
            Thread.sleep(20);
        }
        assertTrue(output.tables.stream().anyMatch(t -> t.caption().contains("refresh failed at ")
                && t.caption().endsWith("(could not list training jobs: ThrottlingException: Rate exceeded), retrying")
                && TableText.render(t).contains("live-1")), output.tables.toString());
    }

    @Test
    void endedJobsReturnAtOnceAndJsonWaitsQuietly() {
        JobName job = running("done-1");
        synchronized (driver) {
            driver.jobs.put(job, JobStatus.builder(job, JobState.COMPLETED).build());
        }
        assertEquals(0, run("status", "--wait", "--json"), errors.toString());
        assertTrue(output.tables.isEmpty(), "no table with --json");
        assertTrue(output.json.get(0).contains("COMPLETED"), output.json.get(0));
    }
}
