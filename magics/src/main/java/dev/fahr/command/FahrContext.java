package dev.fahr.command;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import dev.fahr.workflow.DriverRegistry;

/**
 * What every command works with, supplied by its front end: the notebook or the terminal. Commands
 * get everything from here, so the same command class serves both.
 *
 * @param workingDirectory   where relative paths start (the notebook's folder in a kernel)
 * @param environment        the process environment (or a test's)
 * @param output             where output goes
 * @param drivers            the training drivers on the class path
 * @param clock              time, for names and durations
 * @param liveByDefault      whether status tables keep updating unless told not to (notebooks)
 * @param pollInterval       how often live views refresh
 * @param kernel             the running kernel, when the command runs as a magic
 */
public record FahrContext(
        Path workingDirectory,
        Map<String, String> environment,
        CommandOutput output,
        DriverRegistry drivers,
        Clock clock,
        boolean liveByDefault,
        Duration pollInterval,
        Optional<KernelSession> kernel) {

    /** What a command can learn of the kernel it runs in: enough to find "the current notebook". */
    public record KernelSession(Optional<Path> connectionFile, Supplier<List<String>> executedCells,
                                Optional<Path> dependencyLedger) {
    }

    public FahrContext {
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(drivers, "drivers");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(pollInterval, "pollInterval");
        kernel = kernel == null ? Optional.empty() : kernel;
    }

    public Path resolve(String path) {
        return workingDirectory.resolve(path).normalize();
    }
}
