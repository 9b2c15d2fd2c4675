package dev.fahr.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import dev.fahr.job.JobState;
import dev.fahr.records.JobRecord;
import dev.fahr.records.JobRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line {@code fahr fit}, a real process, killed as SIGKILL would kill it (the test-only
 * FAHR_FAULT_INJECTION halts the JVM) between recording a job and submitting it, and between submitting it
 * and updating its record; then {@code fahr status} in a new process. Nothing is lost, nothing is
 * duplicated: one record per job, at most one container per job name; the job killed after submitting
 * is reattached with its real state, the one killed before shows "never submitted" after the grace period.
 * Needs the Docker engine of scripts/with-services.sh.
 */
class CrashSafetyIT {

    private static final long PROCESS_TIMEOUT_SECONDS = 240;

    @TempDir
    Path project;

    private static DockerClient docker;

    @BeforeAll
    static void needsAnEngine() {
        ProjectCommands.requireEngine();
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        docker = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).build());
    }

    @AfterAll
    static void closeClient() throws IOException {
        if (docker != null) {
            docker.close();
        }
    }

    private record Outcome(int exitCode, String output) {
    }

    /** {@code fahr ARGS} as its own JVM, in the project folder, with extra environment. */
    private Outcome fahr(Map<String, String> env, String... args) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", classPath, "dev.fahr.cli.FahrMain"));
        command.addAll(Arrays.asList(args));
        Path log = Files.createTempFile("fahr-crash-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("HOME", project.toString());
            builder.environment().remove("FAHR_FAULT_INJECTION");
            builder.environment().remove("FAHR_SUBMIT_GRACE_SECONDS");
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("fahr " + String.join(" ", args) + " did not end in " + PROCESS_TIMEOUT_SECONDS + " s:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Outcome(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private List<JobRecord> records() {
        return new JobRecords(project).all();
    }

    /** Containers (running or ended) of the engine named exactly {@code job}. */
    private static List<Container> containersNamed(String job) {
        return docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(job)).exec().stream()
                .filter(c -> Arrays.asList(c.getNames()).contains("/" + job)).toList();
    }

    private static void assertOneRecordPerJob(List<JobRecord> records) {
        assertEquals(records.size(), records.stream().map(JobRecord::name).distinct().count(), records.toString());
    }

    @Test
    void aFitKilledBeforeOrAfterSubmittingLosesNothingAndDuplicatesNothing() throws Exception {
        Files.createDirectories(project.resolve(".git"));
        TestNotebooks.javaNotebook(project.resolve("models/crash/train.ipynb"), "int epochs = 1;",
                "for (int i = 0; i < 30; i++) { Thread.sleep(100); } // three seconds of \"training\"",
                "Files.writeString(Fahr.modelDir().resolve(\"model.txt\"), \"epochs=\" + epochs);");

        // (a) killed between record and submit
        Outcome halted = fahr(Map.of("FAHR_FAULT_INJECTION", "halt-after-record"), "fit", "models/crash/train.ipynb");
        assertEquals(137, halted.exitCode(), halted.output());
        List<JobRecord> afterA = records();
        assertEquals(1, afterA.size(), afterA.toString());
        JobRecord neverSubmitted = afterA.get(0);
        String a = neverSubmitted.name().value();
        assertFalse(neverSubmitted.submitted(), neverSubmitted.toString());
        assertEquals(List.of(), containersNamed(a), "the driver never got job " + a);

        // Within the grace period the launch may still be under way: status shows the job, not yet failed.
        Outcome status = fahr(Map.of(), "status", "--no-watch");
        assertEquals(0, status.exitCode(), status.output());
        assertTrue(status.output().contains(a), status.output());
        assertFalse(records().get(0).state().isTerminal(), records().toString());

        // (b) killed between submit and the record's update
        halted = fahr(Map.of("FAHR_FAULT_INJECTION", "halt-after-submit"), "fit", "models/crash/train.ipynb");
        assertEquals(137, halted.exitCode(), halted.output());
        List<JobRecord> afterB = records();
        assertEquals(2, afterB.size(), afterB.toString());
        assertOneRecordPerJob(afterB);
        JobRecord submittedUnrecorded = afterB.stream().filter(r -> !r.name().value().equals(a)).findFirst().orElseThrow();
        String b = submittedUnrecorded.name().value();
        assertFalse(submittedUnrecorded.submitted(), "the update never happened: " + submittedUnrecorded);
        assertEquals(1, containersNamed(b).size(), "the driver has job " + b + " once");

        // A new process with a short grace period: (b) reattached with its real state, (a) never submitted.
        // Wait until record (a) is older than that grace period: a condition with a deadline, not a fixed sleep.
        java.time.Instant graceOver = neverSubmitted.createdAt().plusMillis(1100);
        while (java.time.Instant.now().isBefore(graceOver)) {
            Thread.sleep(50);
        }
        Map<String, String> shortGrace = Map.of("FAHR_SUBMIT_GRACE_SECONDS", "1");
        status = fahr(shortGrace, "status", "--no-watch");
        assertEquals(0, status.exitCode(), status.output());
        assertTrue(status.output().contains("never submitted"), status.output());
        JobRecord reattached = new JobRecords(project).find(submittedUnrecorded.name()).orElseThrow();
        assertTrue(reattached.submitted(), reattached.toString());
        assertTrue(reattached.state() == JobState.IN_PROGRESS || reattached.state() == JobState.COMPLETED,
                reattached.toString());
        JobRecord lost = new JobRecords(project).find(neverSubmitted.name()).orElseThrow();
        assertEquals(JobState.FAILED, lost.state(), lost.toString());
        assertEquals("NotSubmitted", lost.secondaryStatus(), lost.toString());

        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!reattached.state().isTerminal() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            status = fahr(shortGrace, "status", b, "--no-watch");
            assertEquals(0, status.exitCode(), status.output());
            reattached = new JobRecords(project).find(submittedUnrecorded.name()).orElseThrow();
        }
        assertEquals(JobState.COMPLETED, reattached.state(), reattached + "\n" + status.output());

        List<JobRecord> end = records();
        assertEquals(2, end.size(), end.toString());
        assertOneRecordPerJob(end);
        assertEquals(List.of(), containersNamed(a));
        assertEquals(1, containersNamed(b).size());
    }
}
