package dev.fahr.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.fahr.display.Rendering;
import dev.fahr.engine.CellEngine;
import dev.fahr.engine.CellError;
import dev.fahr.engine.CellOrigin;
import dev.fahr.engine.CellOutcome;
import dev.fahr.runtime.Hyperparameters;
import dev.fahr.runtime.JobLayout;
import dev.fahr.runtime.MetricLog;

/**
 * One training job: runs the script's cells in order through the same cell engine as the notebook kernel,
 * applies hyperparameters after the parameters cell, and leaves what SageMaker and the user look at
 * afterwards: the exit code, the failure file and the executed notebook.
 *
 * <p>A stop signal arrives on another thread. Exactly one thread, the main one or the signal's, gets
 * to finish the job ({@link #outcomeClaimed}), so the failure file never says both "failed" and "stopped".
 */
final class JobRun {

    static final int EXIT_SUCCEEDED = 0;
    static final int EXIT_FAILED = 1;
    /** 128 + SIGTERM, what a process killed by SIGTERM reports, so that both the code and the file say "stopped". */
    static final int EXIT_STOPPED = 143;

    // SageMaker sends SIGKILL 120 s after SIGTERM; a cell that ignores the stop request gets this long
    // before the files are written without waiting for it.
    private static final long STOP_GRACE_SECONDS = 10;

    private final ExportedScript script;
    private final CellEngine engine;
    private final OutputCapture capture;
    private final JobLayout layout;
    private final Path notebookFile;
    private final PrintStream console;
    private final ExecutedNotebook notebook;
    private final Clock clock;

    private final AtomicBoolean outcomeClaimed = new AtomicBoolean();
    private final CountDownLatch mainThreadYielded = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile int currentIndex = -1;
    private volatile Instant currentStart;

    JobRun(ExportedScript script, Optional<InputNotebook> input, CellEngine engine, OutputCapture capture,
           JobLayout layout, Path notebookFile, PrintStream console, Clock clock) {
        this.script = script;
        this.engine = engine;
        this.capture = capture;
        this.layout = layout;
        this.notebookFile = notebookFile;
        this.console = console;
        this.clock = clock;
        this.notebook = new ExecutedNotebook(script.cells(), input, clock.instant());
    }

    /** Runs every cell and returns the process's exit code. */
    int execute() {
        List<ScriptCell> cells = script.cells();
        for (int index = 0; index < cells.size(); index++) {
            yieldIfStopping();
            ScriptCell cell = cells.get(index);
            console.println("[fahr] " + cell.label());
            capture.takeRecorded();
            currentStart = clock.instant();
            currentIndex = index;
            CellOutcome outcome = engine.run(cell.source(), origin(cell));
            List<CellOutput> outputs = new ArrayList<>(capture.takeRecorded());
            if (stopRequested) {
                outputs.add(stoppedOutput());
                notebook.recordExecuted(index, outputs, currentStart, clock.instant(), true);
                yieldIfStopping();
            }
            if (outcome instanceof CellOutcome.Failed failed) {
                outputs.add(CellOutput.Error.of(failed.error()));
                notebook.recordExecuted(index, outputs, currentStart, clock.instant(), true);
                return finishFailed(cell, failed.error());
            }
            CellOutcome.Completed completed = (CellOutcome.Completed) outcome;
            completed.value().ifPresent(value -> {
                Rendering shown = Rendering.of(value);
                console.println("[fahr] " + cell.label() + " ==> " + shown);
                outputs.add(new CellOutput.Result(shown));
            });
            notebook.recordExecuted(index, outputs, currentStart, clock.instant(), false);
            if (cell.parameters()) {
                Optional<CellError> failure = injectParameters(cell, completed.variables());
                if (failure.isPresent()) {
                    return finishFailed(cell, failure.get());
                }
            }
        }
        return finishSucceeded();
    }

    /** Cells are named as the log names them; lines count within the cell, as the notebook shows them. */
    private static CellOrigin origin(ScriptCell cell) {
        return new CellOrigin("cell " + cell.number(), 1);
    }

    /**
     * Stops the job on SIGTERM: asks the running snippet to stop, waits a little for the main thread to
     * record the cell, then writes the failure file and the executed notebook. Does nothing if the job
     * has already finished; the caller then exits with {@link #EXIT_STOPPED}.
     */
    void stopBySignal() {
        if (!outcomeClaimed.compareAndSet(false, true)) {
            return;
        }
        stopRequested = true;
        int index = currentIndex;
        Optional<ScriptCell> running = index < 0 ? Optional.empty() : Optional.of(script.cells().get(index));
        console.println("[fahr] SIGTERM received" + running.map(cell -> ": stopping " + cell.label()).orElse(""));
        try {
            engine.stop();
            boolean recorded = mainThreadYielded.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            if (!recorded && index >= 0) {
                List<CellOutput> outputs = new ArrayList<>(capture.recordedSoFar());
                outputs.add(stoppedOutput());
                notebook.recordExecuted(index, outputs, currentStart, clock.instant(), true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            console.println("[fahr] could not stop the running cell: " + e);
        }
        FailureFile.write(layout.failureFile(), "stopped by SIGTERM" + running.map(cell -> " during " + cell.label())
                .orElse(""), console);
        writeNotebook();
        console.println("[fahr] stopped by SIGTERM");
    }

    /**
     * What papermill does for Python: each hyperparameter that names a variable of the parameters cell
     * becomes an assignment in a cell run right after it.
     */
    private Optional<CellError> injectParameters(ScriptCell parametersCell, Map<String, String> variableTypes) {
        Instant start = clock.instant();
        ParameterInjection injection;
        Map<String, String> given = new LinkedHashMap<>();
        try {
            Hyperparameters hyperparameters = Hyperparameters.read(layout.hyperparametersFile());
            given.putAll(hyperparameters.values());
            injection = ParameterInjection.plan(hyperparameters, variableTypes);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            CellError error = new CellError(CellError.Kind.EXCEPTION, "InvalidHyperparameter", e.getMessage(),
                    List.of("InvalidHyperparameter: " + e.getMessage()));
            notebook.recordInjectedParameters("", given, List.of(CellOutput.Error.of(error)), start, clock.instant(), true);
            return Optional.of(error);
        }
        injection.unknownNames().forEach(name -> console.println("[fahr] warning: hyperparameter \"" + name
                + "\" names no variable of the parameters cell; read it with Fahr.hyperparameter(\"" + name
                + "\", ...)"));
        if (injection.assignments().isEmpty()) {
            return Optional.empty();
        }
        for (ParameterInjection.Assignment assignment : injection.assignments()) {
            console.println("[fahr] hyperparameter " + assignment.name() + " = " + assignment.given()
                    + " (default " + engine.valueText(assignment.name()).orElse("?") + ")");
        }
        CellOutcome outcome = engine.run(injection.cellSource(), new CellOrigin("injected-parameters", 1));
        List<CellOutput> outputs = new ArrayList<>(capture.takeRecorded());
        Optional<CellError> failure = outcome instanceof CellOutcome.Failed failed
                ? Optional.of(failed.error()) : Optional.empty();
        failure.ifPresent(error -> outputs.add(CellOutput.Error.of(error)));
        Map<String, String> applied = new LinkedHashMap<>();
        injection.assignments().forEach(assignment -> applied.put(assignment.name(), assignment.given()));
        notebook.recordInjectedParameters(injection.cellSource(), applied, outputs, start, clock.instant(),
                failure.isPresent());
        return failure;
    }

    private int finishFailed(ScriptCell cell, CellError error) {
        yieldUnlessClaimed();
        console.println("[fahr] " + cell.label() + " failed");
        error.traceback().forEach(console::println);
        FailureFile.write(layout.failureFile(), FailureFile.reason(cell, error), console);
        writeNotebook();
        console.println("[fahr] job failed in cell " + cell.number());
        return EXIT_FAILED;
    }

    private int finishSucceeded() {
        yieldUnlessClaimed();
        writeNotebook();
        console.println("[fahr] done: " + script.cells().size() + " cells ran");
        return EXIT_SUCCEEDED;
    }

    /** Clears what an earlier run in the same folder left (a failure, metrics), which would be blamed on this one. */
    void clearStaleOutputs() {
        FailureFile.clear(layout.failureFile(), console);
        FailureFile.clear(layout.metricsFile(), console);
    }

    // Best effort: the notebook is a convenience, and failing to write it must not hide the job's own outcome.
    private void writeNotebook() {
        try {
            notebook.writeTo(notebookFile, clock.instant(), MetricLog.read(layout.metricsFile()).series());
            console.println("[fahr] executed notebook: " + notebookFile);
        } catch (IOException | RuntimeException e) {
            console.println("[fahr] cannot write the executed notebook " + notebookFile + ": " + e);
        }
    }

    private static CellOutput stoppedOutput() {
        return new CellOutput.Error("Stopped", "stopped by SIGTERM", List.of("stopped by SIGTERM"));
    }

    private void yieldIfStopping() {
        if (stopRequested) {
            yieldForever();
        }
    }

    private void yieldUnlessClaimed() {
        if (!outcomeClaimed.compareAndSet(false, true)) {
            yieldForever();
        }
    }

    // The signal's thread is finishing the job and will end the process; this thread must not touch its files.
    private void yieldForever() {
        mainThreadYielded.countDown();
        CountDownLatch never = new CountDownLatch(1);
        while (true) {
            try {
                never.await();
            } catch (InterruptedException e) {
                // Keep waiting: only the process's exit ends this thread.
            }
        }
    }
}
