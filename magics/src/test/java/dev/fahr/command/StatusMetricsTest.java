package dev.fahr.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fahr.job.JobName;
import dev.fahr.job.JobState;
import dev.fahr.job.JobStatus;
import dev.fahr.records.JobRecord;
import dev.fahr.records.JobRecords;
import dev.fahr.testing.InMemoryDriver;
import dev.fahr.workflow.DriverRegistry;

/** The status table's metric columns: the latest values, the best of a grid marked, sorting, JSON and CSV. */
class StatusMetricsTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @TempDir
    Path project;

    private final InMemoryDriver driver = new InMemoryDriver();
    private final CommandLineTest.CapturingOutput output = new CommandLineTest.CapturingOutput();
    private final StringWriter errors = new StringWriter();

    @BeforeEach
    void aGridOfThreeAndAJobOfItsOwn() throws Exception {
        Files.createDirectories(project.resolve(".fahr"));
        job("grid-b128", "grid-1", "128", Map.of("loss", 0.31, "accuracy", 0.86));
        job("grid-b256", "grid-1", "256", Map.of("loss", 0.24, "accuracy", 0.91));
        job("grid-b512", "grid-1", "512", Map.of("loss", Double.NaN, "accuracy", 0.88));
        job("solo-1", null, null, Map.of());
    }

    private void job(String name, String grid, String batch, Map<String, Double> metrics) {
        JobName job = JobName.parse(name);
        JobRecord.Builder record = JobRecord.builder(job, "memory", NOW).submitted(true).state(JobState.IN_PROGRESS);
        if (grid != null) {
            record.grid(grid).hyperparameters(Map.of("batch_size", batch));
        }
        new JobRecords(project).add(record.build());
        driver.jobs.put(job, JobStatus.builder(job, JobState.COMPLETED).startedAt(NOW).endedAt(NOW.plusSeconds(90))
                .metrics(new java.util.TreeMap<>(metrics)).build());
    }

    private int run(String... args) {
        FahrContext context = FahrContext.builder(project, output, new DriverRegistry(List.of(driver)))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).pollInterval(Duration.ofMillis(200)).build();
        return FahrCommand.execute(context, List.of(args), () -> new PrintWriter(errors, true));
    }

    @Test
    void oneColumnPerMetricWithTheBestOfTheGridMarkedAndNoValueAnEmptyCell() {
        assertEquals(0, run("status", "grid-1", "solo-1"), errors.toString());
        String text = TableText.render(output.tables.get(0));
        assertTrue(text.lines().findFirst().orElseThrow().endsWith("; * best of its grid"), text);
        assertTrue(text.contains("accuracy") && text.contains("loss"), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("grid-b256") && l.contains("0.91*") && l.contains("0.24*")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("grid-b512") && l.contains("NaN") && !l.contains("*")), text);
        String solo = text.lines().filter(l -> l.startsWith("solo-1")).findFirst().orElseThrow();
        assertTrue(!solo.contains("*") && solo.contains("1m30s"), "no metrics: empty cells, not an error: " + solo);
        assertEquals(0.24, new JobRecords(project).all().stream().filter(r -> r.name().value().equals("grid-b256"))
                .findFirst().orElseThrow().metrics().get("loss"), "the record keeps the values");
    }

    @Test
    void sortedByAMetricInTheDirectionAsked() {
        assertEquals(0, run("status", "grid-1", "--sort=-accuracy"), errors.toString());
        List<String> order = output.tables.get(0).rows().stream().map(r -> r.cells().get(0).text()).toList();
        assertEquals(List.of("grid-b256", "grid-b512", "grid-b128"), order);
        assertEquals(0, run("status", "grid-1", "--sort", "loss"), errors.toString());
        order = output.tables.get(1).rows().stream().map(r -> r.cells().get(0).text()).toList();
        assertEquals(List.of("grid-b256", "grid-b128", "grid-b512"), order, "NaN last");
        assertTrue(output.tables.get(1).caption().contains("by loss (lowest first)"));
    }

    @Test
    void anUnknownMetricNamesTheOnesThatExist() {
        assertEquals(2, run("status", "grid-1", "--sort=acuracy"));
        assertTrue(errors.toString().contains("no job shown reports the metric acuracy; they report accuracy, loss"),
                errors.toString());
    }

    /** A running job may report the metric later (accuracy at the end of training): no error while one runs. */
    @Test
    void aMetricNotYetReportedIsNoErrorWhileAJobRuns() {
        JobName running = JobName.parse("grid-b128");
        driver.jobs.put(running, JobStatus.builder(running, JobState.IN_PROGRESS).startedAt(NOW)
                .metrics(Map.of("loss", 0.5)).build());
        assertEquals(0, run("status", "grid-1", "--sort=-f1", "--no-watch"), errors.toString());
        assertTrue(output.tables.get(0).caption().contains("by f1 (highest first)"), output.tables.get(0).caption());
    }

    @Test
    void malformedMetricLinesAreCountedKeptAndShown() throws Exception {
        JobName solo = JobName.parse("solo-1");
        driver.jobs.put(solo, JobStatus.builder(solo, JobState.COMPLETED).malformedMetricLines(2).build());
        assertEquals(0, run("status", "solo-1", "--no-watch"), errors.toString());
        assertTrue(output.tables.get(0).rows().get(0).notes().contains("metrics: 2 malformed lines were ignored; the"
                + " format is: fahr-metric name=NAME value=VALUE [step=STEP]"), TableText.render(output.tables.get(0)));
        assertEquals(2, new JobRecords(project).find(solo).orElseThrow().malformedMetricLines(), "kept in the record");
        assertEquals(0, run("status", "solo-1", "--json"), errors.toString());
        assertEquals(2, new ObjectMapper().readTree(output.json.get(0)).get(0).get("malformed_metric_lines").asInt());
    }

    @Test
    void jsonAndCsvCarryTheMetrics() throws Exception {
        assertEquals(0, run("status", "grid-1", "--json"), errors.toString());
        JsonNode jobs = new ObjectMapper().readTree(output.json.get(0));
        JsonNode b512 = jobs.findParents("name").stream().filter(j -> j.get("name").asText().equals("grid-b512"))
                .findFirst().orElseThrow();
        assertEquals("NaN", b512.at("/metrics/loss").asText());
        assertEquals(0.88, b512.at("/metrics/accuracy").asDouble());

        assertEquals(0, run("status", "grid-1", "--csv=runs.csv"), errors.toString());
        List<String> csv = Files.readAllLines(project.resolve("runs.csv"));
        assertEquals("job,grid,driver,status,started_at,ended_at,duration_seconds,hp:batch_size,metric:accuracy,"
                + "metric:loss", csv.get(0));
        assertTrue(csv.contains("grid-b512,grid-1,memory,COMPLETED,2026-12-03T12:00:00Z,2026-12-03T12:01:30Z,90,512,"
                + "0.88,NaN"), csv.toString());
    }
}
