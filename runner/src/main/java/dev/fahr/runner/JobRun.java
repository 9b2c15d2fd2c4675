package dev.fahr.runner;

import dev.fahr.runtime.Hyperparameters;
import dev.fahr.runtime.JobLayout;
import jdk.jshell.VarSnippet;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One training job: runs the script's cells in order, applies hyperparameters after the parameters
 * cell, and leaves what SageMaker and the user look at afterwards: the exit code, the failure file and
 * the executed notebook.
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
    private final CellEvaluator evaluator;
    private final OutputCapture capture;
    private final JobLayout layout;
    private final Path notebookFile;
    private final PrintStream console;
    private final ExecutedNotebook notebook;

    private final AtomicBoolean outcomeClaimed = new AtomicBoolean();
    private final CountDownLatch mainThreadYielded = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile int currentIndex = -1;

    JobRun(ExportedScript script, CellEvaluator evaluator, OutputCapture capture, JobLayout layout,
           Path notebookFile, PrintStream console) {
        this.script = script;
        this.evaluator = evaluator;
        this.capture = capture;
        this.layout = layout;
        this.notebookFile = notebookFile;
        this.console = console;
        this.notebook = new ExecutedNotebook(script.cells());
    }

    /** Runs every cell and returns the process's exit code. */
    int execute() {
        List<ScriptCell> cells = script.cells();
        for (int index = 0; index < cells.size(); index++) {
            yieldIfStopping();
            ScriptCell cell = cells.get(index);
            currentIndex = index;
            console.println("[fahr] " + cell.label());
            capture.takeRecorded();
            CellOutcome outcome = evaluator.run(cell);
            List<CellOutput> outputs = new ArrayList<>(capture.takeRecorded());
            if (stopRequested) {
                outputs.add(stoppedOutput());
                notebook.recordExecuted(index, outputs);
                yieldIfStopping();
            }
            if (outcome instanceof CellOutcome.Failed failed) {
                outputs.add(failed.report().toNotebookOutput());
                notebook.recordExecuted(index, outputs);
                return finishFailed(cell, failed.report());
            }
            Optional<String> value = ((CellOutcome.Completed) outcome).value();
            value.ifPresent(shown -> {
                console.println("[fahr] " + cell.label() + " ==> " + shown);
                outputs.add(new CellOutput.Result(shown));
            });
            notebook.recordExecuted(index, outputs);
            if (cell.parameters()) {
                Optional<FailureReport> failure = injectParameters(cell);
                if (failure.isPresent()) {
                    return finishFailed(cell, failure.get());
                }
            }
        }
        return finishSucceeded();
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
            evaluator.stop();
            boolean recorded = mainThreadYielded.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            if (!recorded && index >= 0) {
                List<CellOutput> outputs = new ArrayList<>(capture.recordedSoFar());
                outputs.add(stoppedOutput());
                notebook.recordExecuted(index, outputs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            console.println("[fahr] could not stop the running cell: " + e);
        }
        writeFailureFile("stopped by SIGTERM" + running.map(cell -> " during " + cell.label()).orElse(""));
        writeNotebook();
        console.println("[fahr] stopped by SIGTERM");
    }

    private Optional<FailureReport> injectParameters(ScriptCell parametersCell) {
        ParameterInjection injection;
        Map<String, VarSnippet> variables = evaluator.variablesDeclaredBy(parametersCell);
        try {
            Map<String, String> types = new LinkedHashMap<>();
            variables.forEach((name, variable) -> types.put(name, variable.typeName()));
            injection = ParameterInjection.plan(Hyperparameters.read(layout.hyperparametersFile()), types);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            FailureReport report = FailureReport.of("InvalidHyperparameter", e.getMessage());
            notebook.recordInjectedParameters("", List.of(report.toNotebookOutput()), parametersCell.number());
            return Optional.of(report);
        }
        injection.unknownNames().forEach(name -> console.println("[fahr] warning: hyperparameter \"" + name
                + "\" names no variable of the parameters cell; read it with Fahr.hyperparameter(\"" + name
                + "\", ...)"));
        if (injection.assignments().isEmpty()) {
            return Optional.empty();
        }
        for (ParameterInjection.Assignment assignment : injection.assignments()) {
            console.println("[fahr] hyperparameter " + assignment.name() + " = " + assignment.given()
                    + " (default " + evaluator.valueOf(variables.get(assignment.name())) + ")");
        }
        ScriptCell injected = new ScriptCell(parametersCell.number(), Optional.of("injected-parameters"), false,
                injection.cellSource(), parametersCell.firstLine());
        CellOutcome outcome = evaluator.run(injected);
        List<CellOutput> outputs = new ArrayList<>(capture.takeRecorded());
        Optional<FailureReport> failure = outcome instanceof CellOutcome.Failed failed
                ? Optional.of(failed.report()) : Optional.empty();
        failure.ifPresent(report -> outputs.add(report.toNotebookOutput()));
        notebook.recordInjectedParameters(injection.cellSource(), outputs, parametersCell.number());
        return failure;
    }

    private int finishFailed(ScriptCell cell, FailureReport report) {
        yieldUnlessClaimed();
        console.println("[fahr] " + cell.label() + " failed: " + report.headline());
        report.details().forEach(console::println);
        writeFailureFile(report.failureReason(cell));
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

    /** Clears a failure file left by an earlier run in the same folder, which would otherwise be blamed on this one. */
    void clearStaleFailure() {
        try {
            Files.deleteIfExists(layout.failureFile());
        } catch (IOException e) {
            console.println("[fahr] warning: cannot remove " + layout.failureFile() + ": " + e.getMessage());
        }
    }

    private void writeFailureFile(String reason) {
        String text = reason.length() <= FailureReport.MAX_FAILURE_REASON
                ? reason : reason.substring(0, FailureReport.MAX_FAILURE_REASON);
        try {
            Files.createDirectories(layout.failureFile().getParent());
            Files.writeString(layout.failureFile(), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            console.println("[fahr] cannot write " + layout.failureFile() + ": " + e);
        }
    }

    // Best effort: the notebook is a convenience, and failing to write it must not hide the job's own outcome.
    private void writeNotebook() {
        try {
            notebook.writeTo(notebookFile);
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
