package dev.fahr.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code fahr} as a user does: a separate JVM, {@code java -cp <this test's class path>
 * dev.fahr.cli.FahrMain ARGS}, in a folder, with an environment, and collects its exit code and output.
 * {@link #bash} runs a shell line verbatim with a {@code fahr} launcher on the PATH (the one install.sh
 * writes runs the same main class).
 */
final class FahrProcess {

    /** What a run printed and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {
        String describe() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }

        List<String> stderrLines() {
            return stderr.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private final Map<String, String> environment = new LinkedHashMap<>(System.getenv());
    private final Map<String, String> properties = new LinkedHashMap<>();
    private Duration timeout = Duration.ofMinutes(2);

    FahrProcess() {
        // A user's own AWS files and settings must not leak into a test.
        environment.remove("AWS_PROFILE");
        environment.remove("NO_COLOR");
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
    }

    FahrProcess env(String name, String value) {
        if (value == null) {
            environment.remove(name);
        } else {
            environment.put(name, value);
        }
        return this;
    }

    /** A {@code -D} option of the fahr JVM, such as the test-only AWS endpoint overrides. */
    FahrProcess property(String name, String value) {
        properties.put(name, value);
        return this;
    }

    FahrProcess timeout(Duration value) {
        timeout = value;
        return this;
    }

    Map<String, String> environment() {
        return environment;
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.fahr.cli.FahrMain");
        return command;
    }

    /** {@code fahr ARGS} in {@code folder}: the argv a shell would produce. */
    Result run(Path folder, String... args) {
        List<String> command = javaCommand();
        command.addAll(List.of(args));
        return start(folder, command);
    }

    /** {@code bash -c LINE} in {@code folder}, with {@code fahr} on the PATH. */
    Result bash(Path folder, String line) {
        return start(folder, List.of("bash", "-c", withLauncher(line)));
    }

    /** {@code LINE} on a pseudo-terminal ({@code script}), so that fahr sees a TTY as in an interactive shell. */
    Result onTerminal(Path folder, String line) {
        return start(folder, List.of("script", "-qefc", "bash -c " + shellQuote(withLauncher(line)), "/dev/null"));
    }

    private String withLauncher(String line) {
        try {
            Path bin = Files.createTempDirectory("fahr-bin-");
            Path launcher = bin.resolve("fahr");
            StringBuilder script = new StringBuilder("#!/bin/sh\nexec");
            for (String part : javaCommand()) {
                script.append(' ').append(shellQuote(part));
            }
            script.append(" \"$@\"\n");
            Files.writeString(launcher, script.toString());
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
            bin.toFile().deleteOnExit();
            launcher.toFile().deleteOnExit();
            return "export PATH=" + shellQuote(bin.toString()) + ":\"$PATH\"\n" + line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String shellQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private Result start(Path folder, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("fahr did not end within " + timeout + ": " + command.subList(
                        Math.max(0, command.size() - 12), command.size()) + "\n" + out.getNow("") + err.getNow(""));
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> {
            Thread thread = new Thread(task, "fahr-process-output");
            thread.setDaemon(true);
            thread.start();
        });
    }
}
