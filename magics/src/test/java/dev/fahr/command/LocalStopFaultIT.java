package dev.fahr.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import dev.fahr.internal.docker.DockerEngine;
import dev.fahr.job.JobState;
import dev.fahr.records.JobRecord;
import dev.fahr.testing.FaultLedger;
import dev.fahr.testing.Services;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A local job that ignores SIGTERM (it swallows the interrupt and blocks the JVM's shutdown): {@code stop}
 * kills it once {@code stop_timeout} has passed, and its status is "stopped". Needs scripts/with-services.sh.
 */
class LocalStopFaultIT extends ProjectEndToEnd {

    @BeforeEach
    void needsEngine() {
        ProjectCommands.requireEngine();
    }

    /** Waits until the job's log (fahr logs) shows {@code text}: the job is where the test wants it. */
    private void awaitLog(String job, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (output.lines.stream().noneMatch(l -> l.contains(text))) {
            assertTrue(System.nanoTime() < deadline, "never printed '" + text + "': " + commands.record(job));
            Thread.sleep(300);
            output.lines.clear();
            assertEquals(0, run("logs", job), errors.toString());
        }
    }

    /** What an engine restart does to a running job (it stops its containers), done here with the engine's own stop. */
    @Test
    void aJobStoppedFromOutsideFahrIsStoppedWithTheReasonNotFailed() throws Exception {
        TestNotebooks.javaNotebook(project.resolve("models/outside/train.ipynb"), "int epochs = 1;",
                "System.out.println(\"sleeping\");\nThread.sleep(600_000);");
        assertEquals(0, run("fit", "models/outside/train.ipynb"), errors.toString());
        String job = launchedJobs().get(0);
        awaitLog(job, "sleeping");
        try (DockerEngine engine = Services.engine()) {
            engine.client().stopContainerCmd(job).withTimeout(2).exec();
        }
        FaultLedger.Stopwatch watch = new FaultLedger.Stopwatch();
        JobRecord stopped = commands.awaitEnd(job);
        assertEquals(JobState.STOPPED, stopped.state(), stopped.toString());
        String reason = stopped.failureReason().orElse("");
        assertTrue(reason.startsWith("stopped from outside fahr (stopped by SIGTERM during cell")
                && reason.endsWith("fit again to rerun it"), reason);
        FaultLedger.record("local job stopped by the engine, not by fahr (status says so)", 1, 0, 0, 0,
                watch.elapsed());
    }

    @Test
    void aJobThatIgnoresSigtermIsKilledAfterStopTimeoutAndEndsStopped() throws Exception {
        // The process itself ignores SIGTERM (its own handler replaces the runner's). A cell that only swallows
        // the runner's stop is not enough: from JDK 22 on JShell checks for a stop at every loop back-edge, so
        // on a base image with such a JDK the cell stopped and the job ended 143 before the timeout.
        TestNotebooks.javaNotebook(project.resolve("models/stubborn/train.ipynb"), "int epochs = 1;",
                "sun.misc.Signal.handle(new sun.misc.Signal(\"TERM\"), signal -> System.out.println(\"SIGTERM ignored\"));\n"
                        + "System.out.println(\"ignoring SIGTERM\");\n"
                        + "while (true) { try { Thread.sleep(100); } catch (Throwable ignored) { } }");
        assertEquals(0, run("fit", "models/stubborn/train.ipynb", "--config.stop_timeout=3"), errors.toString());
        String job = launchedJobs().get(0);
        awaitLog(job, "ignoring SIGTERM");

        FaultLedger.Stopwatch watch = new FaultLedger.Stopwatch();
        assertEquals(0, run("stop", job), errors.toString());
        java.time.Duration took = watch.elapsed();
        JobRecord stopped = commands.awaitEnd(job);
        assertEquals(JobState.STOPPED, stopped.state(), stopped.toString());
        try (DockerEngine engine = Services.engine()) {
            var state = engine.client().inspectContainerCmd(job).exec().getState();
            assertEquals(137L, state.getExitCodeLong(), "killed (SIGKILL), since it ignored SIGTERM: " + state);
            assertFalse(Boolean.TRUE.equals(state.getRunning()));
        }
        FaultLedger.record("local job ignoring SIGTERM (killed after stop_timeout = 3 s)", 1, 0, 0, 0, took);
    }
}
