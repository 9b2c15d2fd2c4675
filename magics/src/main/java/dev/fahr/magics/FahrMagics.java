package dev.fahr.magics;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.fahr.command.FahrCommand;
import dev.fahr.command.FahrContext;
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
            "fahr_stop", "stop");

    private FahrMagics() {
    }

    public static void register(BaseKernel kernel) {
        DriverRegistry drivers = DriverRegistry.discover();
        VERBS.forEach((magic, verb) -> kernel.getMagicsRegistry().registerLineMagic(magic, command(verb, drivers)));
        kernel.getMagicsRegistry().registerLineMagic("fahr_help", command("help", drivers));
        importRuntimeApi(kernel);
    }

    /** Notebooks call {@code Fahr.modelDir()} and friends without an import, as the training runner allows. */
    private static void importRuntimeApi(BaseKernel kernel) {
        try {
            kernel.evalRaw("import dev.fahr.runtime.Fahr;");
        } catch (RuntimeException e) {
            System.err.println("fahr: could not import dev.fahr.runtime.Fahr: " + e.getMessage());
        }
    }

    private static LineMagic<Object, BaseKernel> command(String verb, DriverRegistry drivers) {
        return (kernel, args) -> {
            run(kernel, verb, args, drivers);
            return null;
        };
    }

    static void run(BaseKernel kernel, String verb, List<String> args, DriverRegistry drivers) {
        List<String> full = new ArrayList<>();
        full.add(verb);
        if (args.size() == 1 && args.get(0).equals("?")) {
            full.add("--help");
        } else {
            full.addAll(args);
        }
        FahrContext context = new FahrContext(Path.of("").toAbsolutePath(), System.getenv(),
                new NotebookOutput(kernel), drivers, Clock.systemUTC(), true, Duration.ofSeconds(5),
                Optional.of(session(kernel)));
        StringWriter errors = new StringWriter();
        PrintWriter writer = new PrintWriter(errors, true);
        int code = FahrCommand.execute(context, full, () -> writer);
        if (code != FahrCommand.EXIT_OK) {
            throw new FahrMagicException(errors.toString().strip());
        }
    }

    private static FahrContext.KernelSession session(BaseKernel kernel) {
        Optional<Path> connection = Optional.ofNullable(System.getProperty("jupyter.kernel.connection_file")).map(Path::of);
        Optional<Path> ledger = Optional.ofNullable(System.getProperty("jupyter.kernel.dependency_ledger")).map(Path::of);
        return new FahrContext.KernelSession(connection, () -> executedCells(kernel), ledger);
    }

    private static List<String> executedCells(BaseKernel kernel) {
        if (kernel.getHistoryManager() == null) {
            return List.of();
        }
        List<HistoryEntry> entries = kernel.getHistoryManager().lookupRange(0, 0, 0);
        return entries == null ? List.of() : entries.stream().map(HistoryEntry::getInput).toList();
    }
}
