package dev.fahr.command;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import dev.fahr.runtime.MetricPoint;
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
 * @param pacer              how live views wait between refreshes
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
        Pacer pacer,
        Optional<KernelSession> kernel) {

    /**
     * What a command can learn of the kernel it runs in: enough to find "the current notebook".
     *
     * @param history the cells the kernel executed, in order, read when needed; empty when it keeps no history
     * @param metrics what this notebook's session reported with {@code Fahr.metric}, read when needed
     */
    public record KernelSession(Optional<Path> connectionFile, Supplier<Optional<List<String>>> history,
                                Optional<Path> dependencyLedger, Supplier<Map<String, List<MetricPoint>>> metrics) {
    }

    public FahrContext {
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(drivers, "drivers");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(pacer, "pacer");
        kernel = kernel == null ? Optional.empty() : kernel;
    }

    /** A context in {@code workingDirectory}: no environment, the system clock, static views refreshed every 5 s. */
    public static Builder builder(Path workingDirectory, CommandOutput output, DriverRegistry drivers) {
        return new Builder(workingDirectory, output, drivers);
    }

    /** Assembles a {@link FahrContext}; only the folder, the output and the drivers are required. */
    public static final class Builder {
        private final Path workingDirectory;
        private final CommandOutput output;
        private final DriverRegistry drivers;
        private Map<String, String> environment = Map.of();
        private Clock clock = Clock.systemUTC();
        private boolean liveByDefault;
        private Duration pollInterval = Duration.ofSeconds(5);
        private Pacer pacer = Pacer.SLEEPING;
        private Optional<KernelSession> kernel = Optional.empty();

        private Builder(Path workingDirectory, CommandOutput output, DriverRegistry drivers) {
            this.workingDirectory = workingDirectory;
            this.output = output;
            this.drivers = drivers;
        }

        public Builder environment(Map<String, String> environment) {
            this.environment = environment;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Whether status tables keep updating unless told not to, as in a notebook. */
        public Builder liveByDefault(boolean liveByDefault) {
            this.liveByDefault = liveByDefault;
            return this;
        }

        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        public Builder pacer(Pacer pacer) {
            this.pacer = pacer;
            return this;
        }

        public Builder kernel(KernelSession kernel) {
            this.kernel = Optional.of(kernel);
            return this;
        }

        public FahrContext build() {
            return new FahrContext(workingDirectory, environment, output, drivers, clock, liveByDefault, pollInterval,
                    pacer, kernel);
        }
    }

    public Path resolve(String path) {
        return workingDirectory.resolve(path).normalize();
    }
}
