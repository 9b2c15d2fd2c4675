package dev.fahr.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fahr.job.JobCost;
import dev.fahr.job.JobName;
import dev.fahr.job.JobState;
import dev.fahr.job.JobStatus;
import dev.fahr.records.JobRecord;
import dev.fahr.records.JobRecords;
import dev.fahr.testing.InMemoryDriver;
import dev.fahr.workflow.DriverRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status table's cost column: a running job's time so far at its price, an ended job's bill, a grid's total. */
class StatusCostTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @TempDir
    Path project;

    private final InMemoryDriver driver = new InMemoryDriver();
    private final CommandLineTest.CapturingOutput output = new CommandLineTest.CapturingOutput();
    private final StringWriter errors = new StringWriter();

    @BeforeEach
    void aGridOfTwoOnSageMakerLikePricing() throws Exception {
        Files.createDirectories(project.resolve(".fahr"));
        JobRecords records = new JobRecords(project);
        // $0.23 an hour; the first started half an hour ago and still runs; the second ended, billed 30 of 100 s.
        for (String name : List.of("grid-a", "grid-b")) {
            records.add(JobRecord.builder(JobName.parse(name), "memory", NOW.minusSeconds(3600)).submitted(true)
                    .grid("g-1").hyperparameters(Map.of("lr", name)).hourlyUsd(0.23).build());
        }
        JobName running = JobName.parse("grid-a");
        driver.jobs.put(running, JobStatus.builder(running, JobState.IN_PROGRESS).startedAt(NOW.minusSeconds(1800))
                .build());
        JobName ended = JobName.parse("grid-b");
        driver.jobs.put(ended, JobStatus.builder(ended, JobState.COMPLETED).startedAt(NOW.minusSeconds(1000))
                .endedAt(NOW.minusSeconds(900)).cost(new JobCost(0.23 * 30 / 3600, true, Optional.of(0.7))).build());
    }

    private int run(String... args) {
        FahrContext context = FahrContext.builder(project, output, new DriverRegistry(List.of(driver)))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).pollInterval(Duration.ofMillis(200)).build();
        return FahrCommand.execute(context, List.of(args), () -> new PrintWriter(errors, true));
    }

    private static Map<String, String> costByJob(Table table) {
        int cost = table.columns().indexOf("cost");
        assertTrue(cost > 0, table.columns().toString());
        LinkedHashMap<String, String> byJob = new LinkedHashMap<>();
        table.rows().forEach(row -> byJob.put(row.cells().get(0).text(), row.cells().get(cost).text()));
        return byJob;
    }

    @Test
    void runningEndedAndTheGridsTotal() {
        assertEquals(0, run("status", "g-1", "--no-watch"), errors.toString());
        Table table = output.tables.get(0);
        assertEquals(Map.of("grid-a", "$0.12 so far", "grid-b", "$0.0019 (spot saved 70%)",
                "grid total", "$0.12 so far"), costByJob(table), TableText.render(table));
        assertTrue(table.caption().endsWith("; cost $0.12 so far"), table.caption());
    }

    @Test
    void jsonCarriesTheCostAndAnEndedJobsCostIsKept() throws Exception {
        assertEquals(0, run("status", "g-1", "--json"), errors.toString());
        JsonNode jobs = new ObjectMapper().readTree(output.json.get(0));
        JsonNode b = jobs.get(1).get("name").asText().equals("grid-b") ? jobs.get(1) : jobs.get(0);
        assertEquals(0.7, b.at("/cost/spot_savings").asDouble());
        assertTrue(b.at("/cost/final").asBoolean());
        JsonNode a = b == jobs.get(0) ? jobs.get(1) : jobs.get(0);
        assertEquals(0.115, a.at("/cost/usd").asDouble(), 1e-9);
        assertFalse(a.at("/cost/final").asBoolean());
        assertEquals(0.23 * 30 / 3600, new JobRecords(project).find(JobName.parse("grid-b")).orElseThrow().cost()
                .orElseThrow().usd(), 1e-12, "kept in the record");
    }

    @Test
    void csvHasTheCostInFullWhereJobsCostMoney() {
        assertEquals(0, run("status", "g-1", "--csv"), errors.toString());
        List<String> header = List.of(output.lines.get(0).split(","));
        int cost = header.indexOf("cost_usd");
        assertTrue(cost > 0, header.toString());
        Map<String, String> byJob = new LinkedHashMap<>();
        output.lines.stream().skip(1).map(line -> line.split(",", -1)).forEach(row -> byJob.put(row[0], row[cost]));
        assertEquals(0.115, Double.parseDouble(byJob.get("grid-a")), 1e-12);
        assertEquals(0.23 * 30 / 3600, Double.parseDouble(byJob.get("grid-b")), 1e-12);
    }

    @Test
    void localJobsShowNoCostColumn() throws Exception {
        JobName local = JobName.parse("local-1");
        new JobRecords(project).add(JobRecord.builder(local, "memory", NOW).submitted(true).build());
        driver.jobs.put(local, JobStatus.builder(local, JobState.COMPLETED).build());
        assertEquals(0, run("status", "local-1", "--no-watch"), errors.toString());
        assertFalse(output.tables.get(0).columns().contains("cost"), output.tables.get(0).columns().toString());
        output.lines.clear();
        assertEquals(0, run("status", "local-1", "--csv"), errors.toString());
        assertFalse(output.lines.get(0).contains("cost"), output.lines.get(0));
    }
}
