package dev.fahr.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.fahr.command.FahrCommand;
import dev.fahr.command.FahrContext;
import dev.fahr.files.FileTree;
import dev.fahr.job.JobName;
import dev.fahr.job.JobState;
import dev.fahr.records.JobRecord;
import dev.fahr.records.JobRecords;
import dev.fahr.workflow.DriverRegistry;

/**
 * The session install.sh runs once, under {@code -XX:ArchiveClassesAtExit} (JDK 17-24) or
 * {@code -XX:AOTCacheOutput} (JDK 25+), so that the {@code fahr} launcher maps the classes a command loads
 * instead of loading and verifying them at every start: help, init of a small notebook, config, status
 * over ended jobs (table, JSON, CSV) and a fit up to its build, in a throw-away project, with output
 * discarded and no network (the fit's engine does not exist). Not a user command.
 */
public final class StartupArchive {

    private static final String NOTEBOOK = """
            {"nbformat": 4, "nbformat_minor": 5,
             "metadata": {"kernelspec": {"name": "fahr-java", "display_name": "Java (fahr)", "language": "java"}},
             "cells": [
              {"cell_type": "code", "id": "p", "metadata": {"tags": ["parameters"]}, "execution_count": null,
               "outputs": [], "source": "int epochs = 2;"},
              {"cell_type": "code", "id": "t", "metadata": {}, "execution_count": null, "outputs": [],
               "source": "for (int e = 0; e < epochs; e++) Fahr.metric(\\"loss\\", 1.0 / (e + 1));"}]}
            """;

    private StartupArchive() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream stdout = System.out;
        try {
            // FahrMain's own path (it needs no project): its output goes nowhere too.
            System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
            FahrMain.run(new String[] {"--version"});
        } finally {
            System.setOut(stdout);
        }
        Path project = Files.createTempDirectory("fahr-startup-archive-");
        try {
            Files.createDirectories(project.resolve(".git"));
            Files.writeString(project.resolve("train.ipynb"), NOTEBOOK, StandardCharsets.UTF_8);
            JobRecords records = new JobRecords(project);
            for (int i = 0; i < 3; i++) {
                JobName name = JobName.parse("warmup-" + i);
                records.add(JobRecord.builder(name, "local", Instant.EPOCH).submitted(true).state(JobState.COMPLETED)
                        .grid("grid-warmup").hyperparameters(Map.of("epochs", String.valueOf(i)))
                        .metrics(Map.of("loss", 1.0 / (i + 1))).startedAt(Instant.EPOCH)
                        .endedAt(Instant.EPOCH.plusSeconds(60 + i)).build());
            }
            for (List<String> command : List.of(List.of("--help"), List.of("fit", "--help"),
                    List.of("init", "train.ipynb", "--train-driver=local"), List.of("config"),
                    List.of("status", "--no-watch"), List.of("status", "--json"), List.of("status", "--csv"),
                    List.of("status", "--no-watch", "--sort=loss"),
                    List.of("fit", "train.ipynb", "--config.docker_host=unix://" + project.resolve("no-engine.sock")))) {
                run(project, command);
            }
        } finally {
            FileTree.deleteQuietly(project);
        }
    }

    /** One command as FahrMain runs it, its output discarded; failures are expected (no engine) and ignored. */
    private static void run(Path project, List<String> command) {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        TerminalOutput output = new TerminalOutput(nowhere, nowhere, false, false, command.contains("--json"));
        FahrContext context = FahrContext.builder(project, output, DriverRegistry.discover())
                .environment(Map.of("HOME", project.toString())).pollInterval(Duration.ofSeconds(10)).build();
        FahrCommand.execute(context, command, () -> new PrintWriter(nowhere, true));
    }
}
