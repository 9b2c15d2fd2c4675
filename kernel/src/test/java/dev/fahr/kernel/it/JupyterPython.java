package dev.fahr.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Python test script from {@code src/test/python} with Debian's Jupyter clients against the shaded
 * kernel jar, through a temporary kernelspec, in a temporary HOME and Jupyter runtime folder.
 */
final class JupyterPython {

    static final String KERNEL_NAME = "fahr-java-test";
    private static final String MODULES = "jupyter_client, nbclient, nbformat, jupyter_kernel_test, zmq";

    private JupyterPython() {
    }

    static String python() {
        String configured = System.getenv("FAHR_TEST_PYTHON");
        return configured == null || configured.isBlank() ? "/usr/bin/python3" : configured;
    }

    static Path kernelJar() {
        String jar = System.getProperty("fahr.kernel.jar");
        assertTrue(jar != null && !jar.isBlank(),
                "system property fahr.kernel.jar is not set: run the *IT tests with Maven (failsafe sets it)");
        Path path = Path.of(jar);
        assertTrue(Files.isRegularFile(path), "the shaded kernel jar " + path + " is missing: run `mvn package` first");
        return path.toAbsolutePath();
    }

    static Path scriptDir() {
        return Path.of(System.getProperty("fahr.kernel.python.dir", "src/test/python")).toAbsolutePath();
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("fahr.repo.root", "..")).toAbsolutePath().normalize();
    }

    /** Fails, never skips, when the Python modules are missing. */
    static void requireModules(Path temp) throws Exception {
        Result check = run(temp, List.of(python(), "-c", "import " + MODULES), Map.of(), 60);
        if (check.exitCode() != 0) {
            fail(python() + " cannot import " + MODULES + ". Run scripts/services.sh (it installs Debian's "
                    + "python3-jupyter-client, python3-nbclient and python3-jupyter-kernel-test), or set "
                    + "FAHR_TEST_PYTHON to an interpreter that has them.\n" + check.output());
        }
    }

    /** Writes {@code kernels/fahr-java-test/kernel.json} under a new JUPYTER_PATH folder in {@code temp}. */
    static Path writeKernelspec(Path temp, Path javaHome) throws IOException {
        Path jupyterPath = temp.resolve("jupyter-path");
        Path spec = jupyterPath.resolve("kernels").resolve(KERNEL_NAME);
        Files.createDirectories(spec);
        String java = javaHome.resolve("bin").resolve("java").toString();
        String json = "{\n"
                + "  \"argv\": [" + String.join(", ", quote(java), quote("-XX:+UseSerialGC"),
                        quote("-XX:TieredStopAtLevel=1"), quote("-jar"), quote(kernelJar().toString()),
                        quote("{connection_file}")) + "],\n"
                + "  \"display_name\": \"Java (fahr, test)\",\n"
                + "  \"language\": \"java\",\n"
                + "  \"interrupt_mode\": \"message\"\n"
                + "}\n";
        Files.writeString(spec.resolve("kernel.json"), json);
        return jupyterPath;
    }

    /** Runs {@code python -m unittest -v MODULE} in the script folder and asserts that it passed. */
    static void runUnittest(Path temp, String module, long timeoutSeconds) throws Exception {
        runUnittest(temp, module, timeoutSeconds, TestJdks.current());
    }

    /** As {@link #runUnittest(Path, String, long)}, with the kernel running on the JDK at {@code javaHome}. */
    static void runUnittest(Path temp, String module, long timeoutSeconds, Path javaHome) throws Exception {
        requireModules(temp);
        Path jupyterPath = writeKernelspec(temp, javaHome);
        Path home = Files.createDirectories(temp.resolve("home"));
        Path runtime = Files.createDirectories(temp.resolve("runtime"));
        Map<String, String> env = Map.of(
                "JUPYTER_PATH", jupyterPath.toString(),
                "HOME", home.toString(),
                "JUPYTER_RUNTIME_DIR", runtime.toString(),
                "JUPYTER_CONFIG_DIR", home.resolve(".jupyter").toString(),
                "JUPYTER_DATA_DIR", home.resolve(".local/share/jupyter").toString(),
                "PYTHONDONTWRITEBYTECODE", "1",
                "PYTHONUNBUFFERED", "1",
                "FAHR_TEST_KERNEL_NAME", KERNEL_NAME,
                "FAHR_TEST_JAVA_HOME", javaHome.toString(),
                "FAHR_REPO_ROOT", repoRoot().toString());
        Result result = run(temp, List.of(python(), "-m", "unittest", "-v", module), env, timeoutSeconds);
        assertEquals(0, result.exitCode(), "python3 -m unittest -v " + module + " on " + javaHome + " failed (exit " + result.exitCode()
                + "); its output:\n" + result.output());
    }

    record Result(int exitCode, String output) {
    }

    private static Result run(Path temp, List<String> command, Map<String, String> env, long timeoutSeconds)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(scriptDir().toFile());
        builder.environment().putAll(env);
        return run(builder, temp, timeoutSeconds);
    }

    /**
     * Runs {@code builder}'s command with its output (and errors) in a log in {@code temp}; on a timeout, ends
     * it and what it started (kernels are its descendants) and says so in the output, with exit code -1.
     */
    static Result run(ProcessBuilder builder, Path temp, long timeoutSeconds) throws Exception {
        Path log = Files.createTempFile(temp, "command-", ".log");
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (!finished) {
            return new Result(-1, "TIMED OUT after " + timeoutSeconds + " s\n" + output);
        }
        return new Result(process.exitValue(), output);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
