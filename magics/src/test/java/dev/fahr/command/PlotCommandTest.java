package dev.fahr.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fahr.job.JobName;
import dev.fahr.job.JobState;
import dev.fahr.job.JobStatus;
import dev.fahr.records.JobRecord;
import dev.fahr.records.JobRecords;
import dev.fahr.runtime.MetricPoint;
import dev.fahr.testing.InMemoryDriver;
import dev.fahr.testing.ManualTime;
import dev.fahr.workflow.DriverRegistry;

/** {@code plot}: learning curves of a grid in one chart, from one series call to the driver. */
class PlotCommandTest {

    @TempDir
    Path project;

    private final InMemoryDriver driver = new InMemoryDriver();
    private final CommandLineTest.CapturingOutput output = new CommandLineTest.CapturingOutput();
    private final StringWriter errors = new StringWriter();
    private final ManualTime time = new ManualTime(Instant.parse("2026-12-03T12:00:00Z"));

    @BeforeEach
    void aGridOfThreeWithLossCurves() throws Exception {
        Files.createDirectories(project.resolve(".fahr"));
        for (int batch : new int[] {128, 256, 512}) {
            JobName job = JobName.parse("grid-b" + batch);
            new JobRecords(project).add(JobRecord.builder(job, "memory", time.instant()).submitted(true)
                    .grid("grid-1").hyperparameters(Map.of("batch_size", String.valueOf(batch), "epochs", "5"))
                    .state(JobState.COMPLETED).build());
            driver.jobs.put(job, JobStatus.builder(job, JobState.COMPLETED).build());
            List<MetricPoint> loss = new ArrayList<>();
            for (int step = 0; step < 5; step++) {
                loss.add(new MetricPoint("loss", step, 1.0 / (step + 1) + batch / 10_000.0));
            }
            loss.add(new MetricPoint("loss", 5, Double.NaN));
            driver.series.put(job, Map.of("loss", loss));
        }
    }

    private FahrContext.Builder context() {
        return FahrContext.builder(project, output, new DriverRegistry(List.of(driver))).clock(time)
                .pacer(time.pacer()).pollInterval(Duration.ofMillis(200));
    }

    private int run(FahrContext context, String... args) {
        return FahrCommand.execute(context, List.of(args), () -> new PrintWriter(errors, true));
    }

    @Test
    void fromTheShellTheChartIsAFileDrawnFromOneSeriesCall() throws Exception {
        assertEquals(0, run(context().build(), "plot", "loss", "grid-1", "--output", "charts/loss.png"), errors.toString());
        assertEquals(1, driver.seriesCalls.get(), "one call for the whole grid, not one per job");
        BufferedImage png = ImageIO.read(project.resolve("charts/loss.png").toFile());
        assertEquals(720, png.getWidth());
        assertEquals(420, png.getHeight());
        assertEquals(0, run(context().build(), "plot", "loss", "grid-1", "--output", "loss.svg", "--width", "500"),
                errors.toString());
        String svg = Files.readString(project.resolve("loss.svg"));
        assertTrue(svg.startsWith("<svg") && svg.contains("batch_size=128") && svg.contains("batch_size=512"),
                "each run is labelled by the hyperparameter that differs, not by the one they share: " + svg.length());
        assertTrue(!svg.contains("epochs=5"), "epochs is the same for all");
    }

    @Test
    void inANotebookTheChartIsAnImageWithThisNotebooksOwnCurveBeside() throws Exception {
        FahrContext.KernelSession kernel = new FahrContext.KernelSession(Optional.empty(), () -> Optional.of(List.of()),
                Optional.empty(), () -> Map.of("loss", List.of(new MetricPoint("loss", 0, 0.9),
                        new MetricPoint("loss", 1, 0.6))));
        assertEquals(0, run(context().kernel(kernel).build(), "plot", "loss", "grid-1"), errors.toString());
        CommandOutput.Image image = output.images.get(0);
        assertEquals("loss by step, 4 curves", image.description());
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(image.png()));
        assertEquals(720, png.getWidth());
        assertTrue(image.svg().contains("this notebook"));
    }

    @Test
    void theChartUpdatesInPlaceWhileJobsRunAndStopsWhenTheyEnd() throws Exception {
        JobName running = JobName.parse("grid-b128");
        new JobRecords(project).update(running, r -> r.toBuilder().state(JobState.IN_PROGRESS).build());
        driver.jobs.put(running, JobStatus.builder(running, JobState.IN_PROGRESS).build());
        time.at(Duration.ofMillis(500), () -> {
            synchronized (driver) {
                driver.jobs.put(running, JobStatus.builder(running, JobState.COMPLETED).build());
            }
        });
        FahrContext.KernelSession kernel = new FahrContext.KernelSession(Optional.empty(), () -> Optional.of(List.of()),
                Optional.empty(), Map::of);
        assertEquals(0, run(context().kernel(kernel).build(), "plot", "loss", "grid-1"), errors.toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!output.images.get(output.images.size() - 1).description().equals("loss by step, 3 curves")) {
            assertTrue(System.nanoTime() < deadline, () -> "the chart was never redrawn as ended: " + output.images);
            Thread.sleep(20);
        }
        assertTrue(output.images.get(0).description().endsWith(", 1 still running"), output.images.get(0).description());
    }

    /** Right after a launch nothing has reported yet: the chart starts empty instead of failing. */
    @Test
    void aMetricNotYetReportedWhileAJobRunsIsAnEmptyChart() throws Exception {
        JobName running = JobName.parse("grid-b128");
        new JobRecords(project).update(running, r -> r.toBuilder().state(JobState.IN_PROGRESS).build());
        driver.jobs.put(running, JobStatus.builder(running, JobState.IN_PROGRESS).build());
        assertEquals(0, run(context().build(), "plot", "accuracy", "grid-1", "--output", "empty.png"), errors.toString());
        assertEquals(720, ImageIO.read(project.resolve("empty.png").toFile()).getWidth());
    }

    @Test
    void anUnknownMetricNamesTheOnesThatExistAndTheShellNeedsAFile() {
        assertEquals(2, run(context().build(), "plot", "accuracy", "grid-1", "--output", "x.png"));
        assertTrue(errors.toString().contains("no job shown reports the metric accuracy; they report loss"),
                errors.toString());
        assertEquals(2, run(context().build(), "plot", "loss", "grid-1"));
        assertTrue(errors.toString().contains("--output=loss.png"), errors.toString());
    }
}
