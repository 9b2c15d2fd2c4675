package dev.fahr.command;

import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scaffolding of the command-level end-to-end tests: a fresh project per test and {@link ProjectCommands}
 * to run commands in it, with what they printed.
 */
abstract class ProjectEndToEnd {

    @TempDir
    Path project;

    ProjectCommands commands;
    CommandLineTest.CapturingOutput output;
    StringWriter errors;

    @BeforeEach
    void newProject() throws Exception {
        commands = new ProjectCommands(project);
        output = commands.output;
        errors = commands.errors;
    }

    int run(String... args) {
        return commands.run(args);
    }

    java.util.List<String> launchedJobs() {
        return commands.launchedJobs();
    }
}
