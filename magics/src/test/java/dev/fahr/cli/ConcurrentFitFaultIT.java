package dev.fahr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import dev.fahr.job.JobState;
import dev.fahr.records.JobRecord;
import dev.fahr.records.JobRecords;
import dev.fahr.testing.FaultLedger;
import dev.fahr.testing.Services;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code fahr fit} processes, each launching a 3-job grid of the same script into the same project at
 * the same moment (as two kernels and a shell would), then status from two processes at once while the
 * jobs end. Every job is recorded exactly once, none is launched twice, and no update is lost: every record
 * ends with its job's final state. And two fits of one folder take turns. Needs scripts/with-services.sh.
 */
class ConcurrentFitFaultIT {

    @TempDir
    Path project;

    private final FahrProcess fahr = new FahrProcess().timeout(Duration.ofMinutes(6));
    private Path experiment;

    @BeforeEach
    void layOut() throws Exception {
        Services.engineAddress();
        Files.createDirectories(project.resolve(".git"));
        experiment = Files.createDirectories(project.resolve("models/race"));
        Files.writeString(experiment.resolve("train.jsh"), """
                int epochs = Fahr.hyperparameter("epochs", 1);
                Files.writeString(Fahr.modelDir().resolve("model.txt"), "epochs=" + epochs);
                System.out.println("trained " + epochs);
                """);
        fahr.env("HOME", project.toString());
    }

    @Test
    void threeGridsLaunchedAtOnceAreEachRecordedOnceAndEveryUpdateLands() throws Exception {
        FaultLedger.Stopwatch watch = new FaultLedger.Stopwatch();
        List<CompletableFuture<FahrProcess.Result>> fits = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            fits.add(CompletableFuture.supplyAsync(() -> fahr.run(experiment, "fit", "train.jsh", "--train-driver=local",
                    "--hp", "epochs=1,2,3")));
        }
        List<String> launched = new ArrayList<>();
        for (CompletableFuture<FahrProcess.Result> fit : fits) {
            FahrProcess.Result result = fit.join();
            assertEquals(0, result.exitCode(), result.describe());
            result.stdout().lines().filter(l -> l.startsWith("Launched ")).map(l -> l.split(" ")[1])
                    .forEach(launched::add);
        }
        java.time.Duration took = watch.elapsed();
        assertEquals(9, launched.size(), launched.toString());
        assertEquals(9, new HashSet<>(launched).size(), "every name once: " + launched);

        List<JobRecord> records = new JobRecords(project).all();
        assertEquals(Set.copyOf(launched), records.stream().map(r -> r.name().value()).collect(Collectors.toSet()),
                "each launched job recorded, and nothing else");
        assertEquals(9, records.size(), "no record twice");
        Map<String, Long> perGrid = records.stream().collect(Collectors.groupingBy(r -> r.grid().orElseThrow(),
                Collectors.counting()));
        assertEquals(Map.of(3L, 3L), perGrid.values().stream().collect(Collectors.groupingBy(n -> n,
                Collectors.counting())), "three grids of three: " + perGrid);

        // Two processes refresh the same records while the jobs end: every final state must land.
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (!new JobRecords(project).all().stream().allMatch(r -> r.state().isTerminal())) {
            assertTrue(System.nanoTime() < deadline, "jobs did not end: " + new JobRecords(project).all());
            CompletableFuture<FahrProcess.Result> a = CompletableFuture.supplyAsync(
                    () -> fahr.run(experiment, "status", "--no-watch"));
            CompletableFuture<FahrProcess.Result> b = CompletableFuture.supplyAsync(
                    () -> fahr.run(experiment, "status", "--no-watch"));
            assertEquals(0, a.join().exitCode(), a.join().describe());
            assertEquals(0, b.join().exitCode(), b.join().describe());
        }
        List<JobRecord> ended = new JobRecords(project).all();
        assertEquals(9, ended.size());
        assertTrue(ended.stream().allMatch(r -> r.state() == JobState.COMPLETED), ended.toString());
        FaultLedger.record("3 fit processes x a 3-job grid at once, then 2 status processes at once", 3,
                (int) launched.stream().filter(name -> ended.stream().noneMatch(r -> r.name().value().equals(name))).count(),
                ended.size() - (int) ended.stream().map(r -> r.name().value()).distinct().count(), 0, took);
    }

    /**
     * Two fits of one experiment folder, the script edited between them: the second waits (and says so)
     * until the first has built its image from the folder its own init wrote, and each job runs its version.
     */
    @Test
    void aSecondFitOfTheSameFolderWaitsForTheFirstsBuildAndEachRunsItsVersion() throws Exception {
        Path script = Files.createDirectories(project.resolve("scripts")).resolve("train.jsh");
        Files.writeString(script, "System.out.println(\"version 1\");\n");
        FahrProcess.Result init = fahr.run(project, "init", "scripts/train.jsh", "--dir", "models/turns",
                "--train-driver=local");
        assertEquals(0, init.exitCode(), init.describe());
        // a slow build: the first fit holds the folder for a while
        Path dockerfile = project.resolve("models/turns/Dockerfile");
        Files.writeString(dockerfile, Files.readString(dockerfile) + "RUN sleep 6\n");

        CompletableFuture<FahrProcess.Result> first = CompletableFuture.supplyAsync(
                () -> fahr.run(project, "fit", "scripts/train.jsh", "--dir", "models/turns"));
        awaitHeldByAnotherProcess(project.resolve(".fahr/locks"), first);
        Files.writeString(script, "System.out.println(\"version 2\");\n");
        FahrProcess.Result second = fahr.run(project, "fit", "scripts/train.jsh", "--dir", "models/turns");
        FahrProcess.Result firstResult = first.join();
        assertEquals(0, firstResult.exitCode(), firstResult.describe());
        assertEquals(0, second.exitCode(), second.describe());
        assertTrue(second.stdout().contains("another init or fit of " + project.resolve("models/turns").toRealPath()
                + " is under way; waiting for it to finish"), second.describe());

        Map<String, String> expected = Map.of(launchedJob(firstResult), "version 1", launchedJob(second), "version 2");
        for (Map.Entry<String, String> job : expected.entrySet()) {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            FahrProcess.Result logs = fahr.run(project, "logs", job.getKey());
            while (!logs.stdout().contains("version")) {
                assertTrue(System.nanoTime() < deadline, logs.describe());
                Thread.sleep(500);
                logs = fahr.run(project, "logs", job.getKey());
            }
            assertTrue(logs.stdout().contains(job.getValue()), job + ": " + logs.describe());
        }
    }

    private static String launchedJob(FahrProcess.Result fit) {
        return fit.stdout().lines().filter(l -> l.startsWith("Launched ")).map(l -> l.split(" ")[1]).findFirst()
                .orElseThrow(() -> new AssertionError("nothing launched: " + fit.describe()));
    }

    /** Waits until a lock file in {@code locks} is held by another process (the first fit's init and build). */
    private static void awaitHeldByAnotherProcess(Path locks, CompletableFuture<FahrProcess.Result> holder)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            assertTrue(System.nanoTime() < deadline, "the first fit never held its folder");
            if (holder.isDone()) {
                throw new AssertionError("the first fit ended before the test saw it hold the folder: "
                        + holder.join().describe());
            }
            if (Files.isDirectory(locks)) {
                try (var files = Files.list(locks)) {
                    for (Path lock : files.toList()) {
                        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lock,
                                java.nio.file.StandardOpenOption.WRITE);
                             java.nio.channels.FileLock taken = channel.tryLock()) {
                            if (taken == null) {
                                return;
                            }
                        }
                    }
                }
            }
            Thread.sleep(20);
        }
    }
}
