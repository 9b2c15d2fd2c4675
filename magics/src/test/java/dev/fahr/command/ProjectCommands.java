package dev.fahr.command;

import dev.fahr.testing.Services;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.fahr.records.JobRecord;
import dev.fahr.records.JobRecords;
import dev.fahr.workflow.DriverRegistry;

/**
 * Runs fahr commands in a test project as the command line does (the real drivers, found through
 * ServiceLoader), keeping what they print: the end-to-end tests of every driver share it.
 */
final class ProjectCommands {

    final Path project;
    final CommandLineTest.CapturingOutput output = new CommandLineTest.CapturingOutput();
    final StringWriter errors = new StringWriter();
    private final Map<String, String> environment;

    /** A project marked by a {@code .git} folder, with {@code HOME} inside it so no user file is read. */
    ProjectCommands(Path project) throws IOException {
        this.project = project;
        Files.createDirectories(project.resolve(".git"));
        environment = new HashMap<>(System.getenv());
        environment.put("HOME", project.toString());
    }

    /** Sets a variable of the environment the commands see; null removes it. */
    ProjectCommands environment(String name, String value) {
        if (value == null) {
            environment.remove(name);
        } else {
            environment.put(name, value);
        }
        return this;
    }

    /** Fails (never skips) the test when no Docker engine is given, saying how to run it. */
    static void requireEngine() {
        Services.engineAddress();
    }

    int run(String... args) {
        FahrContext context = FahrContext.builder(project, output, DriverRegistry.discover()).environment(environment)
                .pollInterval(Duration.ofMillis(500)).build();
        PrintWriter writer = new PrintWriter(errors, true);
        return FahrCommand.execute(context, List.of(args), () -> writer);
    }

    /** The job names fit printed ("Launched NAME ..."), in order. */
    List<String> launchedJobs() {
        List<String> names = new ArrayList<>();
        for (String line : output.lines) {
            if (line.startsWith("Launched ")) {
                names.add(line.split(" ")[1]);
            }
        }
        return names;
    }

    /**
     * Refreshes the job's status (as {@code status JOB --no-watch} does) until it has ended.
     *
     * @param context what to add to the failure if it does not end in time (the job's log, say)
     */
    JobRecord awaitEnd(String job, Duration timeout, Supplier<String> context) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (run("status", job, "--no-watch") != 0) {
                throw new AssertionError("status " + job + " failed: " + errors);
            }
            JobRecord record = record(job);
            if (record.state().isTerminal()) {
                return record;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(job + " did not end in " + timeout.toSeconds() + " s: " + record(job) + "; "
                + context.get());
    }

    JobRecord awaitEnd(String job) throws InterruptedException {
        return awaitEnd(job, Duration.ofMinutes(3), () -> "");
    }

    JobRecord record(String job) {
        return new JobRecords(project).all().stream().filter(r -> r.name().value().equals(job)).findFirst()
                .orElseThrow();
    }
}
