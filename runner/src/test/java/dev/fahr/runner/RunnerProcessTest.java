package dev.fahr.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Runs the runner as SageMaker does, as a separate process, with /opt/ml moved to a temporary folder. */
class RunnerProcessTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /** What the job jar holds: the runner's classes and the cell engine's, and nothing else of the tests'. */
    static final String RUNNER_CLASS_PATH = String.join(java.io.File.pathSeparator,
            codeSource(RunnerMain.class), codeSource(dev.fahr.engine.CellEngine.class));

    private static String codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @TempDir
    Path temp;

    private Path mlRoot() {
        return temp.resolve("ml");
    }

    private Process start(String script, String... extraArgs) throws IOException {
        Path scriptFile = temp.resolve("train.jsh");
        Files.writeString(scriptFile, script);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", RUNNER_CLASS_PATH, RunnerMain.class.getName(), "train", "--script", scriptFile.toString()));
        command.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(temp.resolve("stdout.txt").toFile())
                .redirectError(temp.resolve("stderr.txt").toFile());
        builder.environment().put("FAHR_ML_ROOT", mlRoot().toString());
        builder.environment().put("FAHR_EXECUTION_ENVIRONMENT", "local");
        builder.environment().remove("FAHR_LOCAL_ROOT");
        return builder.start();
    }

    private int run(String script, String... extraArgs) throws Exception {
        Process process = start(script, extraArgs);
        if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("runner did not finish; stderr:\n" + stderr());
        }
        return process.exitValue();
    }

    private String stdout() throws IOException {
        return Files.readString(temp.resolve("stdout.txt"), StandardCharsets.UTF_8);
    }

    private String stderr() throws IOException {
        return Files.readString(temp.resolve("stderr.txt"), StandardCharsets.UTF_8);
    }

    private String failureText() throws IOException {
        return Files.readString(mlRoot().resolve("output/failure"), StandardCharsets.UTF_8);
    }

    private JsonNode executedNotebook(String baseName) throws IOException {
        return new ObjectMapper().readTree(mlRoot().resolve("output/data/" + baseName + ".executed.ipynb").toFile());
    }

    private void writeHyperparameters(String json) throws IOException {
        Files.createDirectories(mlRoot().resolve("input/config"));
        Files.writeString(mlRoot().resolve("input/config/hyperparameters.json"), json);
    }

    private static final String TRAINING = """
            // Exported by fahr from quickstart.ipynb; edit the notebook, not this file.

            // @fahr-cell 3 id=5f2a1c parameters
            int epochs = 10;
            String optimizer = "sgd";

            // @fahr-cell 4 id=9bd0e2
            for (int i = 0; i < epochs; i++) {
                System.out.println("epoch " + i);
            }
            System.err.println("using " + optimizer + " in " + Fahr.executionEnvironment());
            Files.writeString(Fahr.modelDir().resolve("model.txt"), "trained " + epochs);

            // @fahr-cell 5
            epochs * 2
            """;

    @Test
    void aSuccessfulRunExitsZeroAndLeavesTheModelAndTheExecutedNotebook() throws Exception {
        assertEquals(0, run(TRAINING, "--notebook-name", "quickstart.ipynb"), this::stderrOrEmpty);
        assertTrue(stdout().contains("epoch 9\n"), stdout());
        assertTrue(stderr().contains("[fahr] cell 4 (id 9bd0e2)"), stderr());
        assertTrue(stderr().contains("using sgd in local"), stderr());
        assertEquals("trained 10", Files.readString(mlRoot().resolve("model/model.txt")));
        assertFalse(Files.exists(mlRoot().resolve("output/failure")));

        JsonNode notebook = executedNotebook("quickstart");
        assertEquals(4, notebook.get("nbformat").asInt());
        assertEquals(5, notebook.get("nbformat_minor").asInt());
        assertEquals("fahr-java", notebook.at("/metadata/kernelspec/name").asText(), "the kernel that opens it");
        assertEquals("java", notebook.at("/metadata/language_info/name").asText());
        JsonNode cells = notebook.get("cells");
        assertEquals(3, cells.size());
        assertEquals("parameters", cells.get(0).at("/metadata/tags/0").asText());
        JsonNode training = cells.get(1);
        assertEquals("9bd0e2", training.get("id").asText());
        assertEquals(2, training.get("execution_count").asInt());
        assertEquals("stdout", training.at("/outputs/0/name").asText());
        assertEquals("epoch 0\n", training.at("/outputs/0/text/0").asText());
        assertEquals(10, training.at("/outputs/0/text").size());
        assertEquals("stderr", training.at("/outputs/1/name").asText());
        assertTrue(String.join("", texts(training.get("source"))).startsWith("for (int i = 0; i < epochs; i++) {\n"));
        assertEquals("20", cells.get(2).at("/outputs/0/data/text~1plain/0").asText());
        assertEquals("execute_result", cells.get(2).at("/outputs/0/output_type").asText());
    }

    @Test
    void displaysOfANotebookAreKeptInTheExecutedNotebookAndUpdatesReplaceThem() throws Exception {
        String script = """
                // @fahr-cell 1 id=a
                System.out.println("before");
                var progress = display(html("<b>epoch 0</b>"));
                System.out.println("after");
                display(new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB));
                display(markdown("*both*"), "text/markdown");

                // @fahr-cell 2 id=b
                progress.update(html("<b>epoch 9</b>"));
                updateDisplay("never-shown", text("ignored"));
                text("the value")
                """;
        assertEquals(0, run(script, "--notebook-name", "shown.ipynb"), this::stderrOrEmpty);
        JsonNode first = executedNotebook("shown").at("/cells/0/outputs");
        assertEquals(List.of("stream", "display_data", "stream", "display_data", "display_data"),
                texts(first, "output_type"));
        assertEquals("before\n", first.at("/0/text/0").asText());
        assertEquals("<b>epoch 9</b>", first.at("/1/data/text~1html/0").asText(), "the update replaced it");
        assertEquals("epoch 9", first.at("/1/data/text~1plain/0").asText());
        assertEquals("after\n", first.at("/2/text/0").asText());
        byte[] png = Base64.getDecoder().decode(first.at("/3/data/image~1png").asText());
        assertEquals(4, ImageIO.read(new ByteArrayInputStream(png)).getWidth());
        assertEquals("*both*", first.at("/4/data/text~1markdown/0").asText());
        JsonNode second = executedNotebook("shown").at("/cells/1/outputs");
        assertEquals(1, second.size(), "updates add no output; " + second);
        assertEquals("the value", second.at("/0/data/text~1plain/0").asText());
    }

    @Test
    void hyperparametersOverrideTheParametersCell() throws Exception {
        writeHyperparameters("{\"epochs\": \"3\", \"optimizer\": \"adam\", \"unused\": \"1\"}");
        assertEquals(0, run(TRAINING), this::stderrOrEmpty);
        assertTrue(stdout().contains("epoch 2\n"), stdout());
        assertFalse(stdout().contains("epoch 3"), stdout());
        assertTrue(stderr().contains("[fahr] hyperparameter epochs = 3 (default 10)"), stderr());
        assertTrue(stderr().contains("using adam in local"), stderr());
        assertTrue(stderr().contains("warning: hyperparameter \"unused\""), stderr());
        JsonNode cells = executedNotebook("train").get("cells");
        assertEquals("injected-parameters", cells.get(1).at("/metadata/tags/0").asText());
        assertTrue(String.join("", texts(cells.get(1).get("source"))).contains("epochs = 3;"));
    }

    @Test
    void aHyperparameterOfTheWrongTypeFailsTheParametersCell() throws Exception {
        writeHyperparameters("{\"epochs\": \"many\"}");
        assertEquals(1, run(TRAINING));
        assertEquals("cell 3: InvalidHyperparameter: hyperparameter \"epochs\" = \"many\" is not a valid int",
                failureText());
        assertFalse(stdout().contains("epoch"), stdout());
    }

    @Test
    void aRuntimeExceptionStopsTheJobWithTheCellAndTheUsersFrames() throws Exception {
        String longMessage = "x".repeat(3000);
        String script = """
                // @fahr-cell 1
                void check(int value) {
                    if (value > 1) {
                        throw new IllegalStateException("too big: " + value + " %s");
                    }
                }

                // @fahr-cell 2 id=a1
                System.out.println("before");
                check(5);
                System.out.println("after");

                // @fahr-cell 3
                System.out.println("never");
                """.formatted(longMessage);
        assertEquals(1, run(script));
        String failure = failureText();
        assertTrue(failure.startsWith("cell 2: java.lang.IllegalStateException: too big: 5 xxx"), failure);
        assertTrue(failure.length() <= 1024, "length " + failure.length());
        assertFalse(stdout().contains("after"));
        assertFalse(stdout().contains("never"));
        String log = stderr();
        assertTrue(log.contains("\tat check (cell 1 line 3)"), log);
        assertTrue(log.contains("\tat <cell> (cell 2 line 2)"), log);
        assertFalse(log.contains("jdk.jshell"), log);
        assertFalse(log.contains("dev.fahr.runner"), log);
        assertFalse(log.contains("dev.fahr.engine"), log);

        JsonNode cells = executedNotebook("train").get("cells");
        assertEquals(3, cells.size());
        JsonNode failed = cells.get(1);
        assertEquals("before\n", failed.at("/outputs/0/text/0").asText());
        assertEquals("error", failed.at("/outputs/1/output_type").asText());
        assertEquals("IllegalStateException", failed.at("/outputs/1/ename").asText());
        assertEquals("failed", failed.at("/metadata/papermill/status").asText());
        assertEquals("pending", cells.get(2).at("/metadata/papermill/status").asText());
        assertTrue(cells.get(2).get("execution_count").isNull());
        assertEquals(0, cells.get(2).get("outputs").size());
    }

    @Test
    void aCompileErrorShowsTheDiagnosticAndTheOffendingLine() throws Exception {
        String script = """
                // @fahr-cell 1
                int a = 1;
                // @fahr-cell 2
                int b = 2;
                int c = a + missing;
                """;
        assertEquals(1, run(script));
        String failure = failureText();
        assertTrue(failure.startsWith("CompileError: cell 2 line 2: cannot find symbol"), failure);
        String log = stderr();
        assertTrue(log.contains("int c = a + missing;\n            ^"), log);
        assertTrue(log.contains("symbol:   variable missing") || log.contains("symbol: variable missing"), log);
        assertEquals("CompileError", executedNotebook("train").at("/cells/1/outputs/0/ename").asText());
    }

    @Test
    void sigtermStopsTheRunningCellCleanly() throws Exception {
        String script = """
                // @fahr-cell 1
                System.out.println("looping");
                long spins = 0;
                while (true) {
                    spins++;
                }
                """;
        Process process = start(script);
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!Files.readString(temp.resolve("stdout.txt")).contains("looping")) {
            if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                process.destroyForcibly();
                fail("the loop never started; stderr:\n" + stderr());
            }
            Thread.sleep(50);
        }
        process.destroy();
        assertTrue(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "did not stop");
        assertEquals(143, process.exitValue(), this::stderrOrEmpty);
        assertTrue(failureText().startsWith("stopped"), failureText());
        assertTrue(stderr().contains("[fahr] stopped by SIGTERM"), stderr());
        JsonNode cell = executedNotebook("train").at("/cells/0");
        assertEquals("looping\n", cell.at("/outputs/0/text/0").asText());
        assertEquals("Stopped", cell.at("/outputs/1/ename").asText());
    }

    /** The notebook the export puts beside the script: markdown, magics, a skipped cell, parameters, code. */
    private static final String INPUT_NOTEBOOK = """
            {
             "cells": [
              {"cell_type": "markdown", "id": "intro", "metadata": {"custom": 1}, "source": ["# Train\\n", "A model."]},
              {"cell_type": "code", "execution_count": null, "id": "deps", "metadata": {}, "outputs": [],
               "source": ["%maven org.apache.commons:commons-math3:3.6.1"]},
              {"cell_type": "code", "execution_count": null, "id": "params", "metadata": {"tags": ["parameters"]},
               "outputs": [], "source": ["int epochs = 10;"]},
              {"cell_type": "code", "execution_count": null, "id": "train", "metadata": {}, "outputs": [],
               "source": ["%fahr_status\\n", "System.out.println(\\"epochs \\" + epochs);\\n", "epochs * 2"]},
              {"cell_type": "raw", "id": "note", "metadata": {}, "source": "raw text"},
              {"cell_type": "code", "execution_count": null, "id": "local", "metadata": {"tags": ["fahr:skip"]},
               "outputs": [], "source": ["System.out.println(\\"only in the notebook\\");"]}
             ],
             "metadata": {"kernelspec": {"display_name": "Java (fahr)", "language": "java", "name": "fahr-java"},
                          "language_info": {"name": "java"}, "custom": {"kept": true}},
             "nbformat": 4,
             "nbformat_minor": 5
            }
            """;

    private static final String INPUT_SCRIPT = """
            // Exported by fahr from train.ipynb; edit the notebook, not this file.
            //DEPS org.apache.commons:commons-math3:3.6.1

            // @fahr-cell 3 id=params parameters
            int epochs = 10;

            // @fahr-cell 4 id=train
            // %fahr_status
            System.out.println("epochs " + epochs);
            epochs * 2
            """;

    @Test
    void theExecutedNotebookIsTheInputNotebookWithTheJobsOutputsFilledIn() throws Exception {
        Path input = Files.writeString(temp.resolve("train.input.ipynb"), INPUT_NOTEBOOK);
        writeHyperparameters("{\"epochs\": \"3\"}");
        assertEquals(0, run(INPUT_SCRIPT, "--notebook-name", "train.ipynb", "--notebook", input.toString()),
                this::stderrOrEmpty);
        JsonNode notebook = executedNotebook("train");
        JsonNode cells = notebook.get("cells");
        assertEquals(List.of("intro", "deps", "params", "injected-parameters", "train", "note", "local"),
                texts(cells, "id"), "every cell in order, the injected one after the parameters cell");
        assertEquals("# Train\n", cells.get(0).at("/source/0").asText());
        assertEquals(1, cells.get(0).at("/metadata/custom").asInt(), "markdown cells stay as they were");
        assertTrue(cells.get(0).at("/metadata/papermill").isMissingNode());
        assertEquals("raw text", cells.get(5).get("source").asText());

        JsonNode deps = cells.get(1);
        assertTrue(deps.get("execution_count").isNull());
        assertEquals(0, deps.get("outputs").size());
        assertTrue(deps.at("/metadata/fahr/skipped").asText().startsWith("only magics"), deps.toString());
        assertEquals("tagged fahr:skip", cells.get(6).at("/metadata/fahr/skipped").asText());
        assertEquals("pending", cells.get(6).at("/metadata/papermill/status").asText());

        JsonNode parameters = cells.get(2);
        assertEquals(1, parameters.get("execution_count").asInt());
        assertEquals("completed", parameters.at("/metadata/papermill/status").asText());
        JsonNode injected = cells.get(3);
        assertEquals("injected-parameters", injected.at("/metadata/tags/0").asText());
        assertTrue(String.join("", texts(injected.get("source"))).contains("epochs = 3;"), injected.toString());
        assertEquals(2, injected.get("execution_count").asInt());

        JsonNode train = cells.get(4);
        assertEquals(3, train.get("execution_count").asInt());
        assertEquals(List.of("%fahr_status\n", "System.out.println(\"epochs \" + epochs);\n", "epochs * 2"),
                texts(train.get("source")), "the notebook's own source, magics included");
        assertEquals("epochs 3\n", train.at("/outputs/0/text/0").asText());
        assertEquals("6", train.at("/outputs/1/data/text~1plain/0").asText());
        assertEquals(3, train.at("/outputs/1/execution_count").asInt());
        JsonNode timing = train.at("/metadata/papermill");
        assertEquals("completed", timing.get("status").asText());
        assertFalse(timing.get("exception").asBoolean());
        assertTrue(java.time.Instant.parse(timing.get("end_time").asText())
                .compareTo(java.time.Instant.parse(timing.get("start_time").asText())) >= 0);

        assertEquals("fahr-java", notebook.at("/metadata/kernelspec/name").asText());
        assertEquals("java", notebook.at("/metadata/language_info/name").asText());
        assertEquals("text/x-java-source", notebook.at("/metadata/language_info/mimetype").asText());
        assertTrue(notebook.at("/metadata/custom/kept").asBoolean(), "the notebook's own metadata is kept");
        assertEquals("3", notebook.at("/metadata/papermill/parameters/epochs").asText());
        assertFalse(notebook.at("/metadata/papermill/exception").asBoolean());
        assertEquals(5, notebook.get("nbformat_minor").asInt());
    }

    @Test
    void aNotebookThatDoesNotFitTheScriptIsSaidAndTheScriptsCellsAreKept() throws Exception {
        Path input = Files.writeString(temp.resolve("other.input.ipynb"),
                "{\"cells\": [{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": \"x\"}], \"metadata\": {},"
                        + " \"nbformat\": 4, \"nbformat_minor\": 5}");
        assertEquals(0, run(INPUT_SCRIPT, "--notebook", input.toString()), this::stderrOrEmpty);
        assertTrue(stderr().contains("does not fit the script (the script has cell 3, the notebook 1 cells)"), stderr());
        assertEquals(List.of("params", "train"), texts(executedNotebook("train").get("cells"), "id"));
    }

    @Test
    void metricsGoToTheLogTheMetricsFileAndTheNotebooksMetadataButNotIntoTheCellsOutput() throws Exception {
        String script = """
                // @fahr-cell 1 id=m
                for (int epoch = 0; epoch < 3; epoch++) {
                    Fahr.metric("loss", 1.0 / (epoch + 1), epoch);
                    System.out.println("epoch " + epoch);
                }
                Fahr.metric("accuracy", 0.75);
                Fahr.metric("accuracy", Double.NaN);
                """;
        assertEquals(0, run(script, "--notebook-name", "metrics.ipynb"), this::stderrOrEmpty);
        assertTrue(stdout().contains("fahr-metric name=loss value=0.5 step=1\nepoch 1\n"), stdout());
        assertTrue(stdout().contains("fahr-metric name=accuracy value=NaN step=1"), stdout());
        List<String> file = Files.readAllLines(mlRoot().resolve("output/data/fahr-metrics.txt"));
        assertEquals(List.of("fahr-metric name=loss value=1.0 step=0", "fahr-metric name=loss value=0.5 step=1",
                "fahr-metric name=loss value=0.3333333333333333 step=2", "fahr-metric name=accuracy value=0.75 step=0",
                "fahr-metric name=accuracy value=NaN step=1"), file);
        JsonNode notebook = executedNotebook("metrics");
        assertEquals("[[0,1.0],[1,0.5],[2,0.3333333333333333]]", notebook.at("/metadata/fahr/metrics/loss").toString());
        assertEquals("[[0,0.75],[1,\"NaN\"]]", notebook.at("/metadata/fahr/metrics/accuracy").toString());
        assertEquals("epoch 0\nepoch 1\nepoch 2\n", String.join("", texts(notebook.at("/cells/0/outputs/0/text"))),
                "the cell shows what it shows in the notebook, where a metric prints nothing");
    }

    @Test
    void aHandWrittenScriptWithoutMarkersRunsAsOneCell() throws Exception {
        assertEquals(0, run("System.out.println(Fahr.isJob());\n"), this::stderrOrEmpty);
        assertEquals("true\n", stdout());
    }

    @Test
    void aWrongCommandLineExitsTwoWithUsage() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", RUNNER_CLASS_PATH, RunnerMain.class.getName(), "serve")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        assertEquals(2, process.exitValue());
        assertTrue(output.contains("usage: fahr-runner train --script FILE"), output);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private String stderrOrEmpty() {
        try {
            return stderr();
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> texts(JsonNode nodes, String field) {
        List<String> values = new ArrayList<>();
        nodes.forEach(node -> values.add(node.get(field).asText()));
        return values;
    }
}
