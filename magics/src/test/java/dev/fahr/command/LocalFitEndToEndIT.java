package dev.fahr.command;

import dev.fahr.testing.Services;
import dev.fahr.testing.TestRegistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.fahr.job.JobState;
import dev.fahr.records.JobRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * init, fit, status, logs, stop and fetch of a Java notebook on the local driver, through the same
 * command classes the magics and the CLI run, against the real Docker engine that
 * scripts/with-services.sh starts (with its offline eclipse-temurin:21-jdk stand-in).
 */
class LocalFitEndToEndIT extends ProjectEndToEnd {

    @BeforeAll
    static void needsAnEngine() {
        ProjectCommands.requireEngine();
    }

    private JobRecord awaitEnd(String job) throws InterruptedException {
        return commands.awaitEnd(job);
    }

    @Test
    void aJavaNotebookTrainsOnTheLocalDriverAndItsModelComesBack() throws Exception {
        Path notebook = TestNotebooks.javaNotebook(project.resolve("models/exp/train.ipynb"), "int epochs = 2;",
                "System.out.println(\"training for \" + epochs + \" epochs\");",
                "Files.writeString(Fahr.modelDir().resolve(\"model.txt\"), \"epochs=\" + epochs);");

        assertEquals(0, run("init", "models/exp/train.ipynb"), errors.toString());
        Path folder = notebook.getParent();
        assertTrue(Files.exists(folder.resolve("Dockerfile")) && Files.exists(folder.resolve("run.sh"))
                && Files.exists(folder.resolve("train.jsh")) && Files.exists(folder.resolve("fahr.properties")));
        assertTrue(Files.readString(folder.resolve("fahr.properties")).contains("train_driver=local"));

        assertEquals(0, run("fit", "models/exp/train.ipynb", "--hp", "epochs=3"), errors.toString());
        List<String> jobs = launchedJobs();
        assertEquals(1, jobs.size(), output.lines.toString());
        JobRecord done = awaitEnd(jobs.get(0));
        assertEquals(JobState.COMPLETED, done.state(), done.toString());
        assertEquals(Map.of("epochs", "3"), done.hyperparameters());

        output.lines.clear();
        assertEquals(0, run("logs", jobs.get(0)), errors.toString());
        assertTrue(output.lines.stream().anyMatch(l -> l.contains("training for 3 epochs")), output.lines.toString());

        assertEquals(0, run("fetch", jobs.get(0), "fetched"), errors.toString());
        assertEquals("epochs=3", Files.readString(project.resolve("fetched/model.txt")));
    }

    @Test
    void theDockerHostSettingChoosesTheEngineThatBuildsTheImageNotOnlyTheOneThatRunsIt() throws Exception {
        // The image was once built on DOCKER_HOST's engine while the job ran on docker_host's.
        commands.environment("DOCKER_HOST", "unix://" + project.resolve("no-engine-here.sock"));
        TestNotebooks.javaNotebook(project.resolve("models/elsewhere/train.ipynb"), "int epochs = 1;",
                "Files.writeString(Fahr.modelDir().resolve(\"model.txt\"), \"built and run on one engine\");");
        assertEquals(0, run("fit", "models/elsewhere/train.ipynb", "--config.docker_host=" + Services.engineAddress()),
                errors.toString());
        JobRecord done = awaitEnd(launchedJobs().get(0));
        assertEquals(JobState.COMPLETED, done.state(), done.toString());
    }

    @Test
    void aFailingNotebookEndsFailedWithItsReasonAndAStoppedOneEndsStopped() throws Exception {
        TestNotebooks.javaNotebook(project.resolve("models/bad/train.ipynb"), "int epochs = 1;",
                "throw new IllegalStateException(\"diverged at epoch \" + epochs);");
        TestNotebooks.javaNotebook(project.resolve("models/slow/train.ipynb"), "int epochs = 1;",
                "while (true) { Thread.sleep(100); }");

        assertEquals(0, run("fit", "models/bad/train.ipynb"), errors.toString());
        assertEquals(0, run("fit", "models/slow/train.ipynb"), errors.toString());
        List<String> jobs = launchedJobs();
        assertEquals(2, jobs.size());

        JobRecord failed = awaitEnd(jobs.get(0));
        assertEquals(JobState.FAILED, failed.state());
        assertTrue(failed.failureReason().orElse("").contains("diverged at epoch 1"), failed.toString());

        assertEquals(0, run("stop", jobs.get(1)), errors.toString());
        JobRecord stopped = awaitEnd(jobs.get(1));
        assertEquals(JobState.STOPPED, stopped.state(), stopped.toString());
    }

    /** The local driver reads the job's metrics file during the status refresh, while the job still runs. */
    @Test
    void metricsShowInTheStatusWhileTheJobRuns() throws Exception {
        TestNotebooks.javaNotebook(project.resolve("models/live/train.ipynb"), "int epochs = 3;",
                // The malformed line comes first: the test stops the job once the last loss shows, which may
                // be before JShell has compiled a snippet after the loop.
                "System.out.println(\"fahr-metric name=loss value=oops\");\n"
                        + "for (int i = 1; i <= epochs; i++) { Fahr.metric(\"loss\", 1.0 / i); }",
                "while (true) { Thread.sleep(100); }");
        assertEquals(0, run("fit", "models/live/train.ipynb"), errors.toString());
        String job = launchedJobs().get(0);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        JobRecord record = commands.record(job);
        while (record.metrics().get("loss") == null || record.metrics().get("loss") > 0.34) {
            assertTrue(System.nanoTime() < deadline, "no metrics while it ran: " + record);
            assertFalse(record.state().isTerminal(), record.toString());
            Thread.sleep(300);
            output.tables.clear();
            assertEquals(0, run("status", job, "--no-watch"), errors.toString());
            record = commands.record(job);
        }
        assertEquals(JobState.IN_PROGRESS, record.state(), "read while it runs: " + record);
        Table table = output.tables.get(output.tables.size() - 1);
        assertEquals("0.3333", table.rows().get(0).cells().get(table.columns().indexOf("loss")).text(),
                TableText.render(table));

        assertEquals(0, run("stop", job), errors.toString());
        JobRecord stopped = awaitEnd(job);
        assertEquals(JobState.STOPPED, stopped.state(), stopped.toString());
        assertEquals(1.0 / 3, stopped.metrics().get("loss"), 1e-12, "kept after the job ended");
        // The hand-printed malformed line is counted, ignored, and said below the job's row.
        assertEquals(1, stopped.malformedMetricLines(), stopped.toString());
        output.tables.clear();
        assertEquals(0, run("status", job, "--no-watch"), errors.toString());
        assertTrue(output.tables.get(0).rows().get(0).notes().contains("metrics: 1 malformed line was ignored; the "
                + "format is: fahr-metric name=NAME value=VALUE [step=STEP]"), TableText.render(output.tables.get(0)));
    }

    /**
     * The quick start notebook run twice with one cell changed in between: {@code diff} shows exactly that
     * cell, as a unified diff, beside the two runs' metrics.
     */
    @Test
    void twoQuickstartRunsWithOneCellChangedDifferInThatCellOnly() throws Exception {
        Path notebook = project.resolve("models/qs/quickstart.ipynb");
        Files.createDirectories(notebook.getParent());
        Files.copy(Path.of("..", "notebooks", "quickstart.ipynb"), notebook);
        assertEquals(0, run("fit", "models/qs/quickstart.ipynb", "--hp", "epochs=100"), errors.toString());
        String text = Files.readString(notebook);
        String line = "w = w.subtract(gradient.mapMultiply(rate));";
        assertEquals(text.indexOf(line), text.lastIndexOf(line), "the line to change is in one cell");
        Files.writeString(notebook, text.replace(line, "w = w.subtract(gradient.mapMultiply(rate * 0.9));"));
        assertEquals(0, run("fit", "models/qs/quickstart.ipynb", "--hp", "epochs=100"), errors.toString());
        List<String> jobs = launchedJobs();
        assertEquals(2, jobs.size(), output.lines.toString());
        for (String job : jobs) {
            JobRecord done = awaitEnd(job);
            assertEquals(JobState.COMPLETED, done.state(), done.toString());
            assertTrue(done.metrics().keySet().containsAll(List.of("log_loss", "accuracy")), done.toString());
        }

        output.lines.clear();
        output.tables.clear();
        assertEquals(0, run("diff", jobs.get(0), jobs.get(1)), errors.toString());
        String diff = String.join("\n", output.lines);
        assertTrue(diff.contains("hyperparameters: the same"), diff);
        assertTrue(diff.contains("notebook: 1 cell differs"), diff);
        assertEquals(1, diff.split("\n--- a/", -1).length - 1, "one cell's diff: " + diff);
        assertTrue(diff.contains("--- a/cell 7 (id quickstart-train)\n+++ b/cell 7 (id quickstart-train)\n"), diff);
        assertTrue(diff.contains("\n-        " + line + "\n+        w = w.subtract(gradient.mapMultiply(rate * 0.9));"),
                diff);
        Table runs = output.tables.get(0);
        assertTrue(runs.columns().containsAll(List.of("log_loss", "accuracy")), TableText.render(runs));
    }

    /** --builder=jib on the local driver: Jib builds from the registry's base image into the engine, the job runs. */
    @Test
    void jibBuildsIntoTheEngineThatRunsTheJob() throws Exception {
        TestRegistry registry = TestRegistry.require();
        String base = registry.push("eclipse-temurin:21-jdk", "library/eclipse-temurin:21-jdk");
        registry.dockerLogin(project, true); // HOME is the project
        TestNotebooks.javaNotebook(project.resolve("models/jib/train.ipynb"), "int epochs = 1;",
                "System.out.println(\"built by jib, \" + epochs + \" epoch\");");
        assertEquals(0, run("fit", "models/jib/train.ipynb", "--builder=jib", "--train-image=" + base), errors.toString());
        JobRecord done = awaitEnd(launchedJobs().get(0));
        assertEquals(JobState.COMPLETED, done.state(), done.toString());
        output.lines.clear();
        assertEquals(0, run("logs", done.name().value()), errors.toString());
        assertTrue(output.lines.contains("built by jib, 1 epoch"), output.lines.toString());
        assertTrue(Files.readString(project.resolve("models/jib/fahr.properties")).contains("builder=jib"));
    }

    /** No engine and the local driver: one line with both ways out, and nothing launched. */
    @Test
    void withoutAnEngineTheLocalDriverSaysWhatToDo() throws Exception {
        commands.environment("DOCKER_HOST", "unix://" + project.resolve("no-engine.sock"));
        TestNotebooks.javaNotebook(project.resolve("models/none/train.ipynb"), "int epochs = 1;", "int x = epochs;");
        assertEquals(1, run("fit", "models/none/train.ipynb"));
        assertEquals("fahr fit: the local driver runs jobs on a Docker engine, and none answers at unix://"
                + project.resolve("no-engine.sock") + ": start one (or point DOCKER_HOST or --config.docker_host at one),"
                + " or train where fahr needs no engine: --train-driver=sagemaker", errors.toString().strip());
        assertTrue(launchedJobs().isEmpty());
    }

    @Test
    void badInputGivesOneLineAndLeavesNoHalfWrittenFolder() throws Exception {
        assertEquals(2, run("init", "models/none/missing.ipynb"), "a missing artefact is a usage error");
        assertTrue(errors.toString().contains("no such notebook or script"), errors.toString());
        Path broken = project.resolve("models/broken/train.ipynb");
        Files.createDirectories(broken.getParent());
        Files.writeString(broken, "{\"nbformat\": 4, \"cells\": [");
        assertEquals(1, run("init", "models/broken/train.ipynb", "--dir", "models/broken-job"));
        assertFalse(Files.exists(project.resolve("models/broken-job")), "no half-written job folder");
        TestNotebooks.javaNotebook(project.resolve("models/ok/train.ipynb"), "int epochs = 1;", "int x = epochs;");
        assertEquals(2, run("init", "models/ok/train.ipynb", "--train-image", "defualt-cpu"), "a bad image alias is a usage error");
        assertTrue(errors.toString().contains("default-cpu"), errors.toString());
        assertEquals(2, run("init", "x.ipynb", "--build-driver", "gpu-please"));
    }
}
