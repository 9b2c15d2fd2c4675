package dev.fahr.magics;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.fahr.command.FahrCommand;
import dev.fahr.command.FahrContext;
import dev.fahr.command.Pacer;
import dev.fahr.command.WakeablePacer;
import dev.fahr.runtime.Fahr;
import dev.fahr.workflow.DriverRegistry;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

/**
 * The one public entry point: registers every {@code %fahr_*} magic on a kernel of the
 * jupyter-jvm-basekernel lineage. Each magic runs the same command class as {@code fahr VERB}.
 */
public final class FahrMagics {

    /** Magic name to command verb. */
    static final Map<String, String> VERBS = Map.of(
            "fahr_init", "init",
            "fahr_fit", "fit",
            "fahr_copy", "copy",
            "fahr_status", "status",
            "fahr_logs", "logs",
            "fahr_fetch", "fetch",
            "fahr_stop", "stop",
            "fahr_config", "config",
            "fahr_plot", "plot",
            "fahr_diff", "diff");

    /** The magics' spelling of a command: {@code %fahr_fit} for {@code fahr fit}. */
    static final String MAGIC_PREFIX = "%fahr_";

    /** Environment variable: the live status table's refresh interval in milliseconds. */
    public static final String STATUS_INTERVAL_ENV = "FAHR_STATUS_INTERVAL_MS";

    static final Duration DEFAULT_STATUS_INTERVAL = Duration.ofSeconds(5);

    private FahrMagics() {
    }

    /** The help spelling {@code %fahr_fit?}, as a magic of its own name: see {@link #register}. */
    static final String HELP_SUFFIX = "?";

    public static void register(BaseKernel kernel) {
        // Found when a magic first needs them: a kernel registers its magics while it starts.
        Supplier<DriverRegistry> drivers = once(DriverRegistry::discover);
        // One per kernel: a wait that ends wakes this kernel's live views, and no other kernel's.
        Pacer pacer = new WakeablePacer();
        VERBS.forEach((magic, verb) -> {
            FahrLineMagic command = command(verb, drivers, pacer);
            kernel.getMagicsRegistry().registerLineMagic(magic, command);
            // JJava's parser reads "%fahr_fit?" as a magic named "fahr_fit?"; the fahr kernel's reads "?" as an
            // argument. Under its own name, the help spelling works in both.
            LineMagic<Object, BaseKernel> help = (k, args) -> command.eval(k, List.of("?"));
            kernel.getMagicsRegistry().registerLineMagic(magic + HELP_SUFFIX, help);
        });
        kernel.getMagicsRegistry().registerLineMagic("fahr_help", command("help", drivers, pacer));
        importRuntimeApi(kernel);
    }

    /**
     * Notebooks call {@code Fahr.modelDir()} and friends without an import, as the training runner allows.
     * The fahr kernel already imports it at start-up (META-INF/jshell/imports), where this costs nothing;
     * other kernels of the lineage get it here.
     */
    private static void importRuntimeApi(BaseKernel kernel) {
        try {
            kernel.evalRaw("import dev.fahr.runtime.Fahr;");
        } catch (RuntimeException e) {
            System.err.println("fahr: could not import dev.fahr.runtime.Fahr: " + e.getMessage());
        }
    }

    private static FahrLineMagic command(String verb, Supplier<DriverRegistry> drivers, Pacer pacer) {
        return new FahrLineMagic(verb, drivers, pacer);
    }

    private static <T> Supplier<T> once(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    static void run(BaseKernel kernel, String verb, List<String> args, DriverRegistry drivers, Pacer pacer) {
        List<String> full = new ArrayList<>();
        if (args.size() == 1 && args.get(0).equals("?")) {
            full.add("--help");
        } else {
            full.addAll(args);
        }
        FahrContext context = FahrContext.builder(Path.of("").toAbsolutePath(), new NotebookOutput(kernel), drivers)
                .environment(System.getenv()).liveByDefault(true).pollInterval(statusInterval(System.getenv()))
                .pacer(pacer).kernel(session(kernel)).build();
        StringWriter errors = new StringWriter();
        PrintWriter writer = new PrintWriter(errors, true);
        int code = FahrCommand.executeMagic(context, MAGIC_PREFIX, verb, full, () -> writer);
        if (code != FahrCommand.EXIT_OK) {
            throw new FahrMagicException(errors.toString().strip());
        }
    }

    /**
     * How often {@code %fahr_status} refreshes its live table: {@value #STATUS_INTERVAL_ENV} in
     * milliseconds (read when a magic runs; tests set it low), else {@link #DEFAULT_STATUS_INTERVAL}.
     */
    static Duration statusInterval(Map<String, String> environment) {
        String value = environment.get(STATUS_INTERVAL_ENV);
        if (value != null && !value.isBlank()) {
            try {
                long millis = Long.parseLong(value.strip());
                if (millis > 0) {
                    return Duration.ofMillis(millis);
                }
            } catch (NumberFormatException ignored) {
                // fall through to the default, as for any unusable value
            }
            System.err.println("fahr: ignoring " + STATUS_INTERVAL_ENV + "=" + value + " (want milliseconds > 0)");
        }
        return DEFAULT_STATUS_INTERVAL;
    }

    private static FahrContext.KernelSession session(BaseKernel kernel) {
        Optional<Path> connection = Optional.ofNullable(System.getProperty("jupyter.kernel.connection_file")).map(Path::of)
                .or(() -> connectionFileIn(ProcessHandle.current().info().arguments().map(List::of).orElse(List.of())));
        Optional<Path> ledger = Optional.ofNullable(System.getProperty("jupyter.kernel.dependency_ledger")).map(Path::of);
        // The runtime API is the one cells call: in this kernel its class, and so its session's metrics, is shared.
        return new FahrContext.KernelSession(connection, () -> executedCells(kernel), ledger, Fahr::metrics);
    }

    /**
     * The connection file among a kernel process's arguments: Jupyter starts every kernel with it (the
     * kernelspec's {@code {connection_file}}), and not every kernel of the lineage publishes it otherwise
     * (JJava does not). The last argument that names an existing {@code .json} file, preferring Jupyter's
     * {@code kernel-<id>.json}, whose name holds the kernel id.
     */
    static Optional<Path> connectionFileIn(List<String> processArguments) {
        List<Path> candidates = processArguments.stream().filter(arg -> arg.endsWith(".json"))
                .map(Path::of).filter(java.nio.file.Files::isRegularFile).toList();
        return candidates.stream().filter(path -> path.getFileName().toString().startsWith("kernel-"))
                .reduce((first, later) -> later)
                .or(() -> candidates.stream().reduce((first, later) -> later));
    }

    /** The cells the kernel ran, or empty when it keeps no history (JJava has no history manager). */
    private static Optional<List<String>> executedCells(BaseKernel kernel) {
        if (kernel.getHistoryManager() == null) {
            return Optional.empty();
        }
        List<HistoryEntry> entries = kernel.getHistoryManager().lookupRange(0, 0, 0);
        return Optional.of(entries == null ? List.of() : entries.stream().map(HistoryEntry::getInput).toList());
    }
}
