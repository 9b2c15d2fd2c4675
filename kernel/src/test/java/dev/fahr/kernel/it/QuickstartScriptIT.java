package dev.fahr.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, as a new user runs it: {@code ./install.sh} (here with the jar this build made,
 * instead of building again) then {@code scripts/quickstart.sh}, in a fresh HOME, against the Docker engine of
 * scripts/with-services.sh. The script must run quickstart.ipynb to the end and print the status table and the
 * fetched model's evaluation.
 */
class QuickstartScriptIT {

    @TempDir
    Path temp;

    @Test
    void installThenQuickstartRunsTheNotebookToTheEvaluation() throws Exception {
        DockerEngineProbe.requireEngineWith("eclipse-temurin:21-jdk");
        JupyterPython.requireModules(temp);
        Path home = Files.createDirectories(temp.resolve("home"));
        Path work = temp.resolve("work");
        Path root = JupyterPython.repoRoot();

        String install = run(List.of(root.resolve("install.sh").toString(), "--jar", JupyterPython.kernelJar().toString()),
                home, 120);
        assertTrue(install.contains("installed the kernel"), install);
        // The fahr command maps its classes from the start-up archive install made for this JDK.
        assertTrue(install.contains("made the fahr command's start-up archive"), install);
        String loaded = run(List.of("env", "FAHR_CLI_JAVA_OPTS=-Xlog:class+load=info",
                home.resolve(".local/bin/fahr").toString(), "--version"), home, 60);
        for (String type : List.of("dev.fahr.cli.FahrMain", "dev.fahr.command.FahrCommand")) {
            assertTrue(loaded.lines().anyMatch(l -> l.contains(type + " source: shared objects file")),
                    type + " came from the archive:\n" + loaded.lines().filter(l -> l.contains(type)).toList());
        }

        String quickstart = run(List.of(root.resolve("scripts/quickstart.sh").toString(), "--workdir", work.toString()),
                home, 900);
        assertTrue(quickstart.contains("quickstart: using the Docker engine at " + System.getenv("DOCKER_HOST")), quickstart);
        assertTrue(quickstart.contains("1 job, all ended"), "the status table is printed:\n" + quickstart);
        assertTrue(Pattern.compile("quickstart-\\S+\\s+local\\s+completed").matcher(quickstart).find(), quickstart);
        Matcher accuracy = Pattern.compile("held-out accuracy (\\d\\.\\d+)").matcher(quickstart);
        assertTrue(accuracy.find(), "the evaluation is printed:\n" + quickstart);
        double value = Double.parseDouble(accuracy.group(1));
        assertTrue(value >= 0.85 && value <= 0.93, "accuracy " + value + " out of range:\n" + quickstart);
        assertTrue(quickstart.contains("quickstart: all cells ran"), quickstart);
        assertTrue(Files.isRegularFile(work.resolve("fetched/quickstart/weights.txt")), quickstart);

        // The executed notebook the job handed back is the whole notebook, and opens as the user opens it.
        Path executed = work.resolve("fetched/quickstart/quickstart.executed.ipynb");
        assertTrue(Files.isRegularFile(executed), quickstart);
        String checked = run(List.of(JupyterPython.python(), JupyterPython.scriptDir().resolve("check_executed_notebook.py")
                .toString(), executed.toString(), root.resolve("notebooks/quickstart.ipynb").toString(),
                Files.createDirectories(temp.resolve("html")).toString()), home, 300);
        assertTrue(checked.contains("all 16 cells, 4 markdown"), checked);
        assertTrue(checked.contains("opens with the kernel fahr-java (Java (fahr))"), checked);
        String html = Files.readString(temp.resolve("html/quickstart.executed.html"));
        assertTrue(html.contains("Quick start: train a model in a job") && html.contains("epoch"), "markdown and outputs render");

        // The kernel kept the classes cells compile against in the user's cache; uninstalling removes it all.
        Path cache = home.resolve(".cache/fahr-kernel/notebook-api");
        assertTrue(Files.isDirectory(cache), "the kernel's notebook API folder is made at its first start");
        String uninstall = run(List.of(root.resolve("install.sh").toString(), "--uninstall"), home, 120);
        assertTrue(uninstall.contains("uninstalled"), uninstall);
        assertTrue(Files.notExists(home.resolve(".cache/fahr-kernel")), uninstall);
        assertTrue(Files.notExists(home.resolve(".local/share/fahr")), uninstall);
        assertTrue(Files.notExists(home.resolve(".local/bin/fahr")), uninstall);
    }

    /** Runs a command with HOME set to {@code home}; asserts exit code 0 and returns its output. */
    private String run(List<String> command, Path home, long timeoutSeconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile());
        builder.environment().put("HOME", home.toString());
        for (String variable : List.of("XDG_DATA_HOME", "XDG_CACHE_HOME", "JUPYTER_DATA_DIR", "JUPYTER_PATH",
                "JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "FAHR_KERNEL_NAME")) {
            builder.environment().remove(variable);
        }
        JupyterPython.Result result = JupyterPython.run(builder, temp, timeoutSeconds);
        assertEquals(0, result.exitCode(), String.join(" ", command) + " failed:\n" + result.output());
        return result.output();
    }
}
