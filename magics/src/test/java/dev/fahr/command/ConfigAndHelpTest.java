package dev.fahr.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.fahr.workflow.DriverRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code config} (every source of a setting, in priority order) and help as the CLI and the magics show it. */
class ConfigAndHelpTest {

    @TempDir
    Path project;

    private final CommandLineTest.CapturingOutput output = new CommandLineTest.CapturingOutput();
    private final StringWriter errors = new StringWriter();
    private final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(project.resolve(".git"));
        environment.put("HOME", project.resolve("home").toString());
    }

    private FahrContext context() {
        return FahrContext.builder(project, output, DriverRegistry.discover()).environment(environment)
                .pollInterval(Duration.ofMillis(200)).build();
    }

    private int run(String... args) {
        PrintWriter writer = new PrintWriter(errors, true);
        return FahrCommand.execute(context(), List.of(args), () -> writer);
    }

    private int magic(String verb, String... args) {
        PrintWriter writer = new PrintWriter(errors, true);
        return FahrCommand.executeMagic(context(), "%fahr_", verb, List.of(args), () -> writer);
    }

    /** The config table as setting -> [value, source]. */
    private Map<String, List<String>> configTable() {
        Table table = output.tables.get(output.tables.size() - 1);
        assertEquals(ConfigCommand.COLUMNS, table.columns());
        Map<String, List<String>> rows = new LinkedHashMap<>();
        table.rows().forEach(r -> rows.put(r.cells().get(0).text(), List.of(r.cells().get(1).text(), r.cells().get(2).text())));
        return rows;
    }

    @Test
    void configShowsEachSettingWithWhereItCameFrom() throws Exception {
        Path folder = Files.createDirectories(project.resolve("models/exp"));
        Files.writeString(folder.resolve("fahr.properties"), "train_driver=sagemaker\ninstance_type=ml.p3.2xlarge\n"
                + "builder=jib\n");
        Files.createDirectories(project.resolve(".fahr"));
        Files.writeString(project.resolve(".fahr/settings.properties"),
                "sagemaker.role_name=arn:aws:iam::123456789012:role/team\nregion=eu-west-1\ninstance_type=ml.c5.xlarge\n");
        Path user = Files.createDirectories(project.resolve("home/.config/fahr"));
        Files.writeString(user.resolve("settings.properties"),
                "output_path=s3://bucket/jobs/\nregion=us-east-1\nmax_runtime=7200\n");

        assertEquals(0, run("config", "models/exp", "--config.volume_size=50"), errors.toString());
        Map<String, List<String>> rows = configTable();
        String experiment = "experiment folder (" + folder.resolve("fahr.properties") + ")";
        String projectFile = "project (" + project.resolve(".fahr/settings.properties") + ")";
        String userFile = "user (" + user.resolve("settings.properties") + ")";
        assertEquals(List.of("sagemaker", experiment), rows.get("train_driver"), rows.toString());
        assertEquals(List.of("default-cpu", "default"), rows.get("train_image"), rows.toString());
        assertEquals(List.of("jib", experiment), rows.get("builder"), rows.toString());
        assertEquals(List.of("ml.p3.2xlarge", experiment), rows.get("instance_type"), rows.toString());
        assertEquals(List.of("arn:aws:iam::123456789012:role/team", projectFile), rows.get("role_name"), rows.toString());
        assertEquals(List.of("eu-west-1", projectFile), rows.get("region"), rows.toString());
        assertEquals(List.of("s3://bucket/jobs/", userFile), rows.get("output_path"), rows.toString());
        assertEquals(List.of("7200", userFile), rows.get("max_runtime"), rows.toString());
        assertEquals(List.of("50", "command line"), rows.get("volume_size"), rows.toString());
        assertEquals("default", rows.get("instance_count").get(1), rows.toString());

        assertEquals(0, run("config", "models/exp", "--train-driver", "local"), errors.toString());
        rows = configTable();
        assertEquals(List.of("local", "command line"), rows.get("train_driver"), rows.toString());
        assertFalse(rows.containsKey("role_name"), "only the chosen driver's settings: " + rows);

        assertEquals(0, run("config", "models/exp", "--json"), errors.toString());
        assertTrue(output.json.get(0).contains("\"driver\" : \"sagemaker\""), output.json.get(0));
    }

    @Test
    void configRefusesAnUnknownSettingInOneLine() throws Exception {
        assertEquals(2, run("config", "--config.no_such_setting=1"));
        assertTrue(errors.toString().startsWith("fahr config: "), errors.toString());
        assertTrue(errors.toString().contains("no_such_setting"), errors.toString());
    }

    @Test
    void theMagicsExplainThemselvesUnderTheirNotebookSpelling() {
        assertEquals(0, magic("fit", "--help"), errors.toString());
        String fit = String.join("\n", output.lines);
        assertTrue(fit.contains("Usage: %fahr_fit") && fit.contains("--hp") && fit.contains("--train-driver"), fit);
        assertFalse(fit.contains("fahr fit"), fit);

        output.lines.clear();
        assertEquals(0, magic("help"), errors.toString());
        String overview = String.join("\n", output.lines);
        for (String verb : List.of("init", "fit", "status", "logs", "fetch", "stop", "copy", "config")) {
            assertTrue(overview.contains("%fahr_" + verb + " "), verb + " missing from:\n" + overview);
        }

        output.lines.clear();
        assertEquals(0, magic("help", "status"), errors.toString());
        assertTrue(String.join("\n", output.lines).contains("Usage: %fahr_status"), output.lines.toString());
        output.lines.clear();
        assertEquals(0, magic("help", "%fahr_config"), errors.toString());
        assertTrue(String.join("\n", output.lines).contains("Usage: %fahr_config"), output.lines.toString());

        assertEquals(2, magic("help", "bogus"));
        assertTrue(errors.toString().contains("no magic %fahr_bogus"), errors.toString());
        errors.getBuffer().setLength(0);
        assertEquals(1, magic("logs", "no-such-job"));
        assertTrue(errors.toString().startsWith("%fahr_logs: no recorded job"), errors.toString());
        errors.getBuffer().setLength(0);
        assertEquals(2, magic("status", "--nope"));
        assertEquals(List.of("%fahr_status: Unknown option: '--nope'", "Possible solutions: --no-watch",
                        "%fahr_status --help shows how to call it."),
                errors.toString().lines().toList(), "the error and where the options are, not the whole usage");
        errors.getBuffer().setLength(0);
        assertEquals(2, magic("fit", "exp/train.ipynb", "--epochs", "3"));
        assertEquals(List.of("%fahr_fit: Unknown options: '--epochs', '3'", "Hyperparameters go with --hp: --hp epochs=3.",
                "%fahr_fit --help shows how to call it."), errors.toString().lines().toList());
    }

    @Test
    void theCommandLineKeepsItsOwnSpellingInHelp() {
        assertEquals(0, run("fit", "--help"), errors.toString());
        String fit = String.join("\n", output.lines);
        assertTrue(fit.contains("Usage: fahr fit"), fit);
        output.lines.clear();
        assertEquals(0, run("help", "config"), errors.toString());
        assertTrue(String.join("\n", output.lines).contains("Usage: fahr config"), output.lines.toString());
    }
}
