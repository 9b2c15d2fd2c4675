package dev.fahr.runner;

import dev.fahr.display.DisplaySink;
import dev.fahr.engine.CellEngine;
import dev.fahr.runtime.JobLayout;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The training image's entry point: {@code java -jar fahr-runner.jar train --script FILE [--lib DIR]
 * [--notebook-name NAME]}. Exits 0 when every cell ran, 1 when a cell failed (see
 * {@code /opt/ml/output/failure}), 2 on a wrong command line, 143 when stopped by SIGTERM.
 */
public final class RunnerMain {

    static final int EXIT_USAGE = 2;

    private RunnerMain() {
    }

    public static void main(String[] args) {
        // Exit explicitly: threads a script started must not keep a finished job alive.
        System.exit(run(args));
    }

    static int run(String[] args) {
        PrintStream console = OutputCapture.console();
        RunnerArguments arguments;
        try {
            arguments = RunnerArguments.parse(args);
        } catch (IllegalArgumentException e) {
            console.println("fahr-runner: " + e.getMessage());
            console.println(RunnerArguments.USAGE);
            return EXIT_USAGE;
        }
        JobLayout layout = JobLayout.from(System.getenv());
        ExportedScript script;
        try {
            script = ExportedScript.parse(Files.readString(arguments.script(), StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            return failBeforeStart(layout, console, "cannot read script " + arguments.script() + ": " + e.getMessage());
        }
        List<Path> libraries;
        try {
            libraries = libraries(arguments, console);
        } catch (IOException e) {
            return failBeforeStart(layout, console, "cannot list the libraries: " + e.getMessage());
        }
        console.println("[fahr] running " + arguments.script().getFileName() + ": " + script.cells().size()
                + " cell(s)");
        Optional<InputNotebook> input = arguments.notebook()
                .flatMap(file -> InputNotebook.read(file, script.cells(), console));
        OutputCapture capture = new OutputCapture();
        capture.install();
        // Bound before the engine starts: the threads it runs cells on inherit it.
        DisplaySink.bindToCurrentThread(new DisplayRecorder(capture));
        Path notebookFile = layout.outputDataDir().resolve(arguments.executedNotebookBaseName() + ".executed.ipynb");
        try (CellEngine engine = CellEngine.builder().classPath(libraries).build()) {
            JobRun job = new JobRun(script, input, engine, capture, layout, notebookFile, console, Clock.systemUTC());
            job.clearStaleOutputs();
            TermSignal.install(job::stopBySignal, JobRun.EXIT_STOPPED);
            return job.execute();
        } catch (RuntimeException e) {
            return failBeforeStart(layout, console, "internal error: " + e);
        }
    }

    /** The {@code --lib} jars; the runner's own jar, which holds the runtime API, is on the class path already. */
    private static List<Path> libraries(RunnerArguments arguments, PrintStream console) throws IOException {
        List<Path> classPath = new ArrayList<>();
        if (arguments.libDir().isPresent()) {
            Path libDir = arguments.libDir().get();
            if (Files.isDirectory(libDir)) {
                try (Stream<Path> files = Files.list(libDir)) {
                    files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                            .sorted()
                            .forEach(classPath::add);
                }
            } else {
                console.println("[fahr] warning: --lib " + libDir + " is not a folder; no libraries added");
            }
        }
        return classPath;
    }

    private static int failBeforeStart(JobLayout layout, PrintStream console, String reason) {
        console.println("[fahr] " + reason);
        FailureFile.write(layout.failureFile(), reason, console);
        return JobRun.EXIT_FAILED;
    }
}
