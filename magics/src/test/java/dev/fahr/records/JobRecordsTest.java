package dev.fahr.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import dev.fahr.job.JobName;
import dev.fahr.job.JobState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobRecordsTest {

    @TempDir
    Path project;

    @Test
    void aRecordRoundTripsWithEveryField() {
        JobRecords records = new JobRecords(project);
        JobRecord record = JobRecord.builder(JobName.parse("exp-1"), "sagemaker", Instant.parse("2026-11-26T10:00:00Z"))
                .notebook("nb.ipynb").jobFolder("models/exp").image("repo:tag").imageDigest("sha256:1")
                .hyperparameters(Map.of("lr", "0.1")).settings(Map.of("instance_count", "2")).grid("g1")
                .build();
        records.add(record);
        JobRecord updated = records.update(record.name(), r -> r.toBuilder().submitted(true).state(JobState.FAILED)
                .failureReason("boom").startedAt(Instant.parse("2026-11-26T10:01:00Z"))
                .consoleUrl("https://console").build());
        JobRecord read = new JobRecords(project).find(record.name()).orElseThrow();
        assertEquals(updated, read);
        assertTrue(read.submitted());
        assertEquals("boom", read.failureReason().orElseThrow());
    }

    @Test
    void manyRecordsChangeInOneWriteAndOthersStayAsTheyWere() {
        JobRecords records = new JobRecords(project);
        for (String name : List.of("a-1", "a-2", "b-1")) {
            records.add(JobRecord.builder(JobName.parse(name), "local", Instant.parse("2026-11-26T10:00:00Z")).build());
        }
        Map<JobName, JobRecord> changed = records.updateAll(Map.of(
                JobName.parse("a-1"), r -> r.toBuilder().state(JobState.COMPLETED).build(),
                JobName.parse("a-2"), r -> r.toBuilder().state(JobState.FAILED).build(),
                JobName.parse("gone"), r -> r.toBuilder().state(JobState.STOPPED).build()));
        assertEquals(2, changed.size(), "a name without a record is ignored");
        JobRecords reread = new JobRecords(project);
        assertEquals(JobState.COMPLETED, reread.find(JobName.parse("a-1")).orElseThrow().state());
        assertEquals(JobState.FAILED, reread.find(JobName.parse("a-2")).orElseThrow().state());
        assertEquals(JobState.PENDING, reread.find(JobName.parse("b-1")).orElseThrow().state());
    }

    @Test
    void namesNeverRepeat() {
        JobRecords records = new JobRecords(project);
        JobRecord record = JobRecord.builder(JobName.parse("exp-1"), "local", Instant.now()).build();
        records.add(record);
        assertThrows(IllegalStateException.class, () -> records.add(record));
    }

    @Test
    void concurrentWritersLoseNothingAndLeaveNoTempFiles() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            futures.add(pool.submit(() -> new JobRecords(project).add(
                    JobRecord.builder(JobName.parse("job-" + n), "local", Instant.now()).build())));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertEquals(40, new JobRecords(project).all().size());
        try (Stream<Path> files = Files.list(project.resolve(".fahr"))) {
            assertFalse(files.anyMatch(p -> p.toString().endsWith(".partial")), "no temporary left behind");
        }
    }

    @Test
    void aDamagedFileGivesAMessageNamingTheFileAndTheFix() throws Exception {
        JobRecords records = new JobRecords(project);
        Files.createDirectories(records.file().getParent());
        Files.writeString(records.file(), "{\"jobs\": [");
        IllegalStateException e = assertThrows(IllegalStateException.class, records::all);
        assertTrue(e.getMessage().contains(records.file().toString()) && e.getMessage().contains("move it aside"),
                e.getMessage());
    }
}
