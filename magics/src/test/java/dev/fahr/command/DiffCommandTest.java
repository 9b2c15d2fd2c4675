package dev.fahr.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fahr.job.JobName;
import dev.fahr.job.JobState;
import dev.fahr.records.JobRecord;
import dev.fahr.records.JobRecords;
import dev.fahr.records.ScriptStore;
import dev.fahr.testing.InMemoryDriver;
import dev.fahr.workflow.DriverRegistry;

/** {@code diff}: two runs that differ in one cell, one hyperparameter, one dependency and the image. */
class DiffCommandTest {

    private static final String SCRIPT = """
            // Exported by fahr from train.ipynb; edit the notebook, not this file.

            // @fahr-cell 2 id=params parameters
            int epochs = 10;

            // @fahr-cell 3 id=train
            for (int i = 0; i < epochs; i++) {
                Fahr.metric("loss", 1.0 / (i + 1));
            }

            // @fahr-cell 4 id=save
            Files.writeString(Fahr.modelDir().resolve("m.txt"), "done");
            """;

    @TempDir
    Path project;

    private final CommandLineTest.CapturingOutput output = new CommandLineTest.CapturingOutput();
    private final StringWriter errors = new StringWriter();

    @BeforeEach
    void twoRuns() throws Exception {
        Files.createDirectories(project.resolve(".fahr"));
        ScriptStore scripts = new ScriptStore(project);
        String first = scripts.put(SCRIPT);
        String second = scripts.put(SCRIPT.replace("1.0 / (i + 1)", "1.0 / (i + 2)"));
        assertEquals(first, scripts.put(SCRIPT), "the same script is kept once");
        Instant now = Instant.parse("2026-12-03T12:00:00Z");
        JobRecords records = new JobRecords(project);
        records.add(JobRecord.builder(JobName.parse("train-1"), "memory", now).submitted(true).state(JobState.COMPLETED).grid("g-1")
                .hyperparameters(Map.of("epochs", "10", "lr", "0.1")).image("fahr-train:aaa").imageDigest("sha256:aaa")
                .dependencies(List.of("org.apache.commons:commons-math3:3.6.1", "lib/local.jar"))
                .scriptSha256(first).metrics(Map.of("loss", 0.1)).build());
        records.add(JobRecord.builder(JobName.parse("train-2"), "memory", now).submitted(true).state(JobState.COMPLETED).grid("g-1")
                .hyperparameters(Map.of("epochs", "20", "lr", "0.1")).image("fahr-train:bbb").imageDigest("sha256:bbb")
                .dependencies(List.of("org.apache.commons:commons-math3:3.6.0", "lib/local.jar"))
                .scriptSha256(second).metrics(Map.of("loss", 0.05)).build());
    }

    private int run(String... args) {
        FahrContext context = FahrContext.builder(project, output, new DriverRegistry(List.of(new InMemoryDriver())))
                .build();
        return FahrCommand.execute(context, List.of(args), () -> new PrintWriter(errors, true));
    }

    @Test
    void exactlyWhatDiffersBesideTheirMetrics() {
        assertEquals(0, run("diff", "train-1", "train-2"), errors.toString());
        String table = TableText.render(output.tables.get(0));
        assertTrue(table.contains("loss") && table.contains("0.05"), table);
        String text = output.lines.get(0);
        assertTrue(text.contains("hyperparameters:\n  epochs: 10 -> 20\n"), text);
        assertFalse(text.contains("lr:"), "lr is the same: " + text);
        assertTrue(text.contains("  org.apache.commons:commons-math3: org.apache.commons:commons-math3:3.6.1 -> "
                + "org.apache.commons:commons-math3:3.6.0"), text);
        assertTrue(text.contains("  digest: sha256:aaa -> sha256:bbb"), text);
        assertTrue(text.contains("notebook: 1 cell differs"), text);
        assertTrue(text.contains("--- a/cell 3 (id train)\n+++ b/cell 3 (id train)\n"), text);
        assertTrue(text.contains("-    Fahr.metric(\"loss\", 1.0 / (i + 1));\n+    Fahr.metric(\"loss\", 1.0 / (i + 2));"),
                text);
        assertFalse(text.contains("cell 4") || text.contains("cell 2"), "only the changed cell: " + text);
        String html = output.documents.get(0);
        assertTrue(html.contains("background:#ffebe9\">-    Fahr.metric") && html.contains("<del>10</del>"), html);
    }

    @Test
    void runsOfTheSameNotebookSayTheirCellsAreTheSame() {
        String first = new JobRecords(project).all().get(0).scriptSha256().orElseThrow();
        new JobRecords(project).update(JobName.parse("train-2"), r -> r.toBuilder().scriptSha256(first).build());
        assertEquals(0, run("diff", "train-1", "train-2"), errors.toString());
        assertTrue(output.lines.get(0).contains("notebook: the same cells"), output.lines.get(0));
    }

    @Test
    void aGridWithASortComparesItsBestTwo() {
        assertEquals(0, run("diff", "g-1", "--sort=loss"), errors.toString());
        assertEquals("the best two of g-1 by loss: train-2 and train-1", output.lines.get(0));
        assertTrue(output.lines.get(1).contains("  epochs: 20 -> 10"), "the best run comes first: " + output.lines.get(1));
    }

    @Test
    void oneJobWithoutASortOrAnUnknownMetricIsAUsageError() {
        assertEquals(2, run("diff", "g-1"));
        assertTrue(errors.toString().contains("name two jobs (diff JOB_A JOB_B), or one grid with --sort=[-]METRIC"),
                errors.toString());
        errors.getBuffer().setLength(0);
        assertEquals(2, run("diff", "g-1", "--sort=-accuracy"));
        assertTrue(errors.toString().contains("no job shown reports the metric accuracy; they report loss"),
                errors.toString());
    }
}
