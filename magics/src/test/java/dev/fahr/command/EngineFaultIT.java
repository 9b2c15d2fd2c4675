package dev.fahr.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import dev.fahr.job.JobState;
import dev.fahr.records.JobRecord;
import dev.fahr.records.JobRecords;
import dev.fahr.testing.FaultLedger;
import dev.fahr.testing.FaultProxy;
import dev.fahr.testing.Services;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Docker engine's connection cut mid-call, as a client sees an engine that dies: fit reaches the engine
 * through a loopback proxy in front of its socket ({@code DOCKER_HOST=tcp://127.0.0.1:PORT}). A cut build
 * is one line, records no job, and a rerun builds and runs. Needs scripts/with-services.sh.
 */
class EngineFaultIT extends ProjectEndToEnd {

    private static FaultProxy engine;

    @BeforeAll
    static void proxyTheEngine() throws Exception {
        engine = FaultProxy.beforeUnixSocket(Path.of(URI.create(Services.engineAddress()).getPath()));
    }

    @AfterAll
    static void stopProxy() throws Exception {
        engine.close();
    }

    @AfterEach
    void disarm() {
        engine.disarm();
    }

    private String oneErrorLine() {
        List<String> lines = errors.toString().lines().toList();
        assertEquals(1, lines.size(), errors.toString());
        return lines.get(0);
    }

    @Test
    void aBuildCutByTheEngineIsOneLineRecordsNoJobAndARerunBuildsAndRuns() throws Exception {
        commands.environment("DOCKER_HOST", "tcp://127.0.0.1:" + engine.port());
        TestNotebooks.javaNotebook(project.resolve("models/cut/train.ipynb"), "int epochs = 1;",
                "Files.writeString(Fahr.modelDir().resolve(\"model.txt\"), \"" + System.nanoTime() + "\");");
        engine.cutAfter(1500, 50);
        FaultLedger.Stopwatch watch = new FaultLedger.Stopwatch();
        assertEquals(1, run("fit", "models/cut/train.ipynb"));
        java.time.Duration took = watch.elapsed();
        int cuts = engine.injected();
        String line = oneErrorLine();
        assertTrue(line.startsWith("fahr fit: the connection to the Docker engine at tcp://127.0.0.1:" + engine.port()
                + " broke during the build of fahr-cut:") && line.endsWith("then try again"), line);
        assertTrue(engine.injected() > 0);
        assertTrue(new JobRecords(project).all().isEmpty(), "no job recorded");

        engine.disarm();
        errors.getBuffer().setLength(0);
        assertEquals(0, run("fit", "models/cut/train.ipynb"), errors.toString());
        JobRecord done = commands.awaitEnd(launchedJobs().get(0));
        assertEquals(JobState.COMPLETED, done.state(), done.toString());
        FaultLedger.record("Docker engine connection cut mid-build (a rerun builds)", cuts, 0,
                new JobRecords(project).all().size() - 1, 0, took);
    }
}
