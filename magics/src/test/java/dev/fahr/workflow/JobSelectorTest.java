package dev.fahr.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.nio.file.Path;
import java.util.List;

import dev.fahr.job.JobName;
import dev.fahr.records.JobRecord;
import org.junit.jupiter.api.Test;

class JobSelectorTest {

    private static final Path PROJECT = Path.of("/work/project");

    private static JobRecord record(String name, int minute, String grid) {
        return JobRecord.builder(JobName.parse(name), "memory", Instant.parse("2026-11-26T12:00:00Z").plusSeconds(60L * minute))
                .grid(grid).build();
    }

    private static List<String> names(List<JobRecord> records) {
        return records.stream().map(r -> r.name().value()).toList();
    }

    @Test
    void latestIsTheLastLaunchedJob() {
        List<JobRecord> records = List.of(record("quickstart-1", 1, null), record("quickstart-2", 2, null));
        assertEquals(List.of("quickstart-2"), names(JobSelector.select(records, List.of("latest"), PROJECT)));
        assertEquals("quickstart-2", JobSelector.one(records, "latest", PROJECT).name().value());
    }

    @Test
    void latestIsTheWholeGridOfTheLastLaunch() {
        List<JobRecord> records = List.of(record("single-1", 1, null), record("grid-a", 2, "grid-x"),
                record("grid-b", 2, "grid-x"), record("grid-c", 2, "grid-x"));
        assertEquals(List.of("grid-a", "grid-b", "grid-c"), names(JobSelector.select(records, List.of("latest"), PROJECT)));
        IllegalArgumentException many = assertThrows(IllegalArgumentException.class, () -> JobSelector.one(records, "latest", PROJECT));
        assertTrue(many.getMessage().contains("matches 3 jobs"), many.getMessage());
    }

    @Test
    void aJobNamedLatestStillWinsAndNoJobsMeansNoMatch() {
        List<JobRecord> records = List.of(record("latest", 1, null), record("other-2", 2, null));
        assertEquals("latest", JobSelector.one(records, "latest", PROJECT).name().value());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> JobSelector.one(List.of(), "latest", PROJECT));
        assertTrue(none.getMessage().startsWith("no recorded job matches 'latest' in the project at /work/project ("),
                none.getMessage()); // a job launched from a folder of its own is recorded there: the user sees where we looked
    }

    @Test
    void prefixesAndGridIdsAreUnchanged() {
        List<JobRecord> records = List.of(record("alpha-1", 1, null), record("beta-1", 2, "g1"), record("beta-2", 2, "g1"));
        assertEquals("alpha-1", JobSelector.one(records, "alph", PROJECT).name().value());
        assertEquals(List.of("beta-1", "beta-2"), names(JobSelector.select(records, List.of("g1"), PROJECT)));
    }
}
