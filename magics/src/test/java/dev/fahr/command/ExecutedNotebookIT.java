package dev.fahr.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fahr.testing.Services;

/**
 * A notebook exported by {@code fahr init} and run by the job jar the image carries (the packaged
 * fahr-runner.jar, as SageMaker runs it, without Docker): the executed notebook it hands back is the whole
 * notebook, validates with Jupyter's own nbformat and renders with {@code jupyter nbconvert --to html}.
 */
class ExecutedNotebookIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path project;

    private ProjectCommands commands;

    @BeforeEach
    void setUp() throws IOException {
        commands = new ProjectCommands(project);
    }

    @Test
    void aCompletedJobsNotebookIsTheWholeNotebookAndJupyterValidatesAndRendersIt() throws Exception {
        Path executed = runJob("train", List.of(
                markdown("intro", "# A small training run\nThe job fills in this notebook."),
                code("params", "int epochs = 2;\ndouble rate = 0.5;", "parameters"),
                code("deps", "%classpath"),
                code("train", "var progress = display(html(\"<b>starting</b>\"));\n"
                        + "for (int i = 0; i < epochs; i++) {\n    System.out.println(\"epoch \" + i);\n}\n"
                        + "progress.update(html(\"<b>trained \" + epochs + \" epochs</b>\"));\nepochs * rate"),
                code("local", "System.out.println(\"only in the notebook\");", "fahr:skip"),
                raw("note", "raw cells stay as they were"),
                code("picture", "new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB)")),
                "{\"epochs\": \"3\"}", 0);

        JsonNode notebook = JSON.readTree(executed.toFile());
        List<String> ids = new ArrayList<>();
        notebook.get("cells").forEach(cell -> ids.add(cell.get("id").asText()));
        assertEquals(List.of("intro", "params", "injected-parameters", "deps", "train", "local", "note", "picture"), ids);
        assertEquals("fahr-java", notebook.at("/metadata/kernelspec/name").asText());
        JsonNode train = notebook.at("/cells/4");
        assertEquals("<b>trained 3 epochs</b>", train.at("/outputs/0/data/text~1html/0").asText(),
                "the display, in its place before the printed lines, with its update applied");
        assertEquals("epoch 0\n", train.at("/outputs/1/text/0").asText());
        assertEquals("epoch 2\n", train.at("/outputs/1/text/2").asText(), "the injected epochs = 3 applied");
        assertEquals("1.5", train.at("/outputs/2/data/text~1plain/0").asText());
        assertTrue(notebook.at("/cells/7/outputs/0/data/image~1png").asText().length() > 20);

        validate(executed);
        String html = render(executed);
        assertTrue(html.contains("A small training run"), "the markdown is rendered");
        assertTrue(html.contains("trained 3 epochs"), "the display is rendered");
        assertTrue(html.contains("only in the notebook"), "a skipped cell keeps its source");
    }

    @Test
    void aFailedJobsNotebookShowsTheErrorWhereItHappenedAndStillValidates() throws Exception {
        Path executed = runJob("broken", List.of(
                code("params", "int epochs = 1;", "parameters"),
                code("fails", "System.out.println(\"before\");\nint check(int x) {\n    throw new IllegalStateException(\"diverged\");\n}\ncheck(epochs)"),
                code("after", "System.out.println(\"never\");")), "{}", 1);

        JsonNode cells = JSON.readTree(executed.toFile()).get("cells");
        JsonNode error = cells.get(1).at("/outputs/1");
        assertEquals("error", error.get("output_type").asText());
        assertEquals("IllegalStateException", error.get("ename").asText());
        assertEquals("diverged", error.get("evalue").asText());
        assertTrue(error.get("traceback").toString().contains("check (cell 2 line 3)"), error.toString());
        assertEquals("failed", cells.get(1).at("/metadata/papermill/status").asText());
        assertEquals("pending", cells.get(2).at("/metadata/papermill/status").asText());
        assertTrue(cells.get(2).get("execution_count").isNull());

        validate(executed);
        assertTrue(render(executed).contains("diverged"));
    }

    /** Writes the notebook, runs fahr init on it, then the job jar on what init exported; returns the executed notebook. */
    private Path runJob(String name, List<ObjectNode> cells, String hyperparameters, int expectedExit) throws Exception {
        ObjectNode notebook = JSON.createObjectNode();
        ArrayNode list = notebook.putArray("cells");
        cells.forEach(list::add);
        ObjectNode kernelspec = notebook.putObject("metadata").putObject("kernelspec");
        kernelspec.put("display_name", "Java (fahr)").put("language", "java").put("name", "fahr-java");
        notebook.put("nbformat", 4).put("nbformat_minor", 5);
        Path file = project.resolve("notebooks").resolve(name + ".ipynb");
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writeValueAsString(notebook));
        Path folder = project.resolve("models").resolve(name);
        assertEquals(0, commands.run("init", "notebooks/" + name + ".ipynb", "--dir", "models/" + name),
                commands.errors.toString());
        Path input = folder.resolve(name + ".input.ipynb");
        assertTrue(Files.isRegularFile(input), "init leaves the notebook as the job runs it beside the script");
        assertTrue(Files.readString(folder.resolve("Dockerfile")).contains(name + ".input.ipynb"),
                "the image carries it");

        Path ml = project.resolve("ml");
        Files.createDirectories(ml.resolve("input/config"));
        Files.writeString(ml.resolve("input/config/hyperparameters.json"), hyperparameters);
        ProcessBuilder job = new ProcessBuilder(java(), "-jar", runnerJar().toString(), "train",
                "--script", folder.resolve(name + ".jsh").toString(), "--lib", folder.resolve("lib").toString(),
                "--notebook-name", name + ".ipynb", "--notebook", input.toString())
                .redirectErrorStream(true).redirectOutput(project.resolve(name + ".log").toFile());
        job.environment().put("FAHR_ML_ROOT", ml.toString());
        job.environment().put("FAHR_EXECUTION_ENVIRONMENT", "local");
        Process process = job.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the job did not end: " + Files.readString(project.resolve(name + ".log")));
        }
        assertEquals(expectedExit, process.exitValue(), Files.readString(project.resolve(name + ".log")));
        Path executed = ml.resolve("output/data/" + name + ".executed.ipynb");
        assertTrue(Files.isRegularFile(executed), Files.readString(project.resolve(name + ".log")));
        try (var files = Files.list(executed.getParent())) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".partial")), "no temporary left behind");
        }
        return executed;
    }

    /** The jar the image carries, as the magics jar embeds it. */
    private Path runnerJar() throws IOException {
        Path jar = project.resolve("fahr-runner.jar");
        try (InputStream in = ExecutedNotebookIT.class.getResourceAsStream("/dev/fahr/image/fahr-runner.jar")) {
            if (in == null) {
                fail("the embedded runner jar is missing: it is copied in at prepare-package; run this IT with mvn verify");
            }
            Files.copy(in, jar);
        }
        return jar;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void validate(Path notebook) throws Exception {
        assertEquals("valid\n", python(List.of("-c", "import sys, nbformat\n"
                + "nb = nbformat.read(sys.argv[1], as_version=nbformat.NO_CONVERT)\n"
                + "nbformat.validate(nb)\nprint('valid')", notebook.toString())));
    }

    private String render(Path notebook) throws Exception {
        Path out = Files.createDirectories(project.resolve("html"));
        python(List.of("-m", "nbconvert", "--to", "html", "--output-dir", out.toString(), notebook.toString()));
        String file = notebook.getFileName().toString().replaceFirst("\\.ipynb$", ".html");
        return Files.readString(out.resolve(file), StandardCharsets.UTF_8);
    }

    private String python(List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Services.python()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail(command + " failed:\n" + output);
        }
        return output;
    }

    private static ObjectNode code(String id, String source, String... tags) {
        ObjectNode cell = JSON.createObjectNode();
        cell.put("cell_type", "code").put("execution_count", (Integer) null).put("id", id);
        ArrayNode tagList = cell.putObject("metadata").putArray("tags");
        for (String tag : tags) {
            tagList.add(tag);
        }
        cell.putArray("outputs");
        cell.put("source", source);
        return cell;
    }

    private static ObjectNode markdown(String id, String source) {
        ObjectNode cell = JSON.createObjectNode();
        cell.put("cell_type", "markdown").put("id", id).put("source", source);
        cell.putObject("metadata");
        return cell;
    }

    private static ObjectNode raw(String id, String source) {
        ObjectNode cell = markdown(id, source);
        cell.put("cell_type", "raw");
        return cell;
    }
}
