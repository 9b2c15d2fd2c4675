package dev.fahr.notebook;

import dev.fahr.testing.Services;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's Python with Jupyter's nbformat library, so tests check fahr against files written and
 * validated by Jupyter's own code. A machine without it fails the test, with the fix, never skips.
 */
final class JupyterPython {

    private JupyterPython() {
    }

    static String python() {
        return Services.python();
    }

    /** Runs a script from test resources/notebooks with arguments and returns its output. */
    static String runResourceScript(String scriptName, String... arguments) {
        try {
            Path script = Path.of(JupyterPython.class.getResource("/notebooks/" + scriptName).toURI());
            List<String> command = new ArrayList<>(List.of(python(), script.toString()));
            command.addAll(List.of(arguments));
            return run(command);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String runCode(String code, String... arguments) {
        List<String> command = new ArrayList<>(List.of(python(), "-c", code));
        command.addAll(List.of(arguments));
        return run(command);
    }

    private static String run(List<String> command) {
        return execute(command, true);
    }

    /** @return stdout, or null when the command failed and {@code failTest} is false */
    private static String execute(List<String> command, boolean failTest) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return failTest ? fail("timed out: " + command) : null;
            }
            if (process.exitValue() != 0) {
                return failTest ? fail(command + " failed with exit code " + process.exitValue() + ":\n" + output) : null;
            }
            return output;
        } catch (IOException e) {
            return failTest ? fail("cannot run " + command.get(0) + ": " + e.getMessage()) : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }
}
