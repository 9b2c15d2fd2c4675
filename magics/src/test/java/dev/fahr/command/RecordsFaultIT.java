package dev.fahr.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import dev.fahr.job.JobName;
import dev.fahr.job.JobState;
import dev.fahr.job.JobStatus;
import dev.fahr.records.JobRecord;
import dev.fahr.records.JobRecords;
import dev.fahr.testing.FaultLedger;
import dev.fahr.testing.InMemoryDriver;
import dev.fahr.testing.TmpfsMount;
import dev.fahr.workflow.DriverRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job records under faults: {@code .fahr/jobs.json} truncated, hand-edited into invalid JSON, emptied or
 * deleted, and a disk that fills while it is written. Each is one line naming the file and fahr's last good
 * copy; the file is never written over, a launch is refused before anything is built, and records are
 * never silently reset.
 */
class RecordsFaultIT {

    private static final List<String> JOBS = List.of("rec-a", "rec-b", "rec-c");

    @TempDir
    Path root;

    private final InMemoryDriver driver = new InMemoryDriver();
    private final CommandLineTest.CapturingOutput output = new CommandLineTest.CapturingOutput();
    private final StringWriter errors = new StringWriter();

    private Path project(Path folder) throws IOException {
        Files.createDirectories(folder.resolve(".git"));
        JobRecords records = new JobRecords(folder);
        for (String name : JOBS) {
            JobName job = JobName.parse(name);
            records.add(JobRecord.builder(job, "memory", Instant.parse("2026-12-03T12:00:00Z")).submitted(true)
                    .state(JobState.IN_PROGRESS).build());
            driver.jobs.put(job, JobStatus.builder(job, JobState.IN_PROGRESS).build());
        }
        return folder;
    }

    private int run(Path project, String... args) {
        errors.getBuffer().setLength(0);
        FahrContext context = FahrContext.builder(project, output, new DriverRegistry(List.of(driver)))
                .pollInterval(Duration.ofMillis(200)).build();
        return FahrCommand.execute(context, List.of(args), () -> new PrintWriter(errors, true));
    }

    private String oneErrorLine() {
        List<String> lines = errors.toString().lines().toList();
        assertEquals(1, lines.size(), errors.toString());
        return lines.get(0);
    }

    /** Every command that reads records refuses, and none of them writes over the file. */
    private void assertRefusedUntouched(Path project, String cause, String fault) throws Exception {
        Path file = project.resolve(".fahr/jobs.json");
        byte[] damaged = Files.readAllBytes(file);
        java.time.Duration longest = java.time.Duration.ZERO;
        for (String[] command : List.of(new String[] {"status", "--no-watch"}, new String[] {"stop", "rec-a"},
                new String[] {"fit", "exp/train.ipynb", "--train-driver", "memory"})) {
            FaultLedger.Stopwatch watch = new FaultLedger.Stopwatch();
            assertEquals(1, run(project, command), Arrays.toString(command));
            longest = longest.compareTo(watch.elapsed()) > 0 ? longest : watch.elapsed();
            String line = oneErrorLine();
            assertTrue(line.contains("the job records " + file + " cannot be read (" + cause)
                    && line.contains("fahr will not write over them. Its last good copy is "
                    + project.resolve(".fahr/jobs.last-good.json") + " (3 jobs)"), line);
            assertArrayEquals(damaged, Files.readAllBytes(file), "not written over by " + Arrays.toString(command));
        }
        assertTrue(driver.jobs.size() == JOBS.size(), "the refused fit launched nothing");

        Files.copy(project.resolve(".fahr/jobs.last-good.json"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(0, run(project, "status", "--no-watch"), errors.toString());
        assertEquals(JOBS.size(), new JobRecords(project).all().size(), "every job back");
        FaultLedger.record(fault, 1, JOBS.size() - new JobRecords(project).all().size(), 0, 0, longest);
    }

    @Test
    void aTruncatedFileIsRefusedAndTheLastGoodCopyBringsEveryJobBack() throws Exception {
        Path project = project(root.resolve("truncated"));
        TestNotebooks.javaNotebook(project.resolve("exp/train.ipynb"), "int epochs = 1;", "System.out.println(1);");
        Path file = project.resolve(".fahr/jobs.json");
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));
        assertRefusedUntouched(project, "Unexpected end-of-input", "jobs.json truncated");
    }

    @Test
    void aHandEditIntoInvalidJsonIsRefused() throws Exception {
        Path project = project(root.resolve("edited"));
        TestNotebooks.javaNotebook(project.resolve("exp/train.ipynb"), "int epochs = 1;", "System.out.println(1);");
        Path file = project.resolve(".fahr/jobs.json");
        Files.writeString(file, Files.readString(file).replaceFirst("\"rec-b\"", "rec-b"));
        assertRefusedUntouched(project, "Unrecognized token 'rec'", "jobs.json hand-edited into invalid JSON");
    }

    @Test
    void anEmptiedFileIsRefused() throws Exception {
        Path project = project(root.resolve("emptied"));
        TestNotebooks.javaNotebook(project.resolve("exp/train.ipynb"), "int epochs = 1;", "System.out.println(1);");
        Files.write(project.resolve(".fahr/jobs.json"), new byte[0]);
        assertRefusedUntouched(project, "the file is empty", "jobs.json emptied");
    }

    @Test
    void aDeletedFileIsNotSilentlyAFreshStart() throws Exception {
        Path project = project(root.resolve("deleted"));
        Files.delete(project.resolve(".fahr/jobs.json"));
        FaultLedger.Stopwatch watch = new FaultLedger.Stopwatch();
        assertEquals(1, run(project, "status", "--no-watch"));
        java.time.Duration took = watch.elapsed();
        String line = oneErrorLine();
        assertTrue(line.contains(project.resolve(".fahr/jobs.json") + " is missing, but fahr's last good copy "
                + project.resolve(".fahr/jobs.last-good.json") + " holds 3 jobs: copy it back"), line);
        FaultLedger.record("jobs.json deleted (not taken as a fresh start)", 1, 0, 0, 0, took);
    }

    @Test
    void aDiskThatFillsWhileTheRecordsAreWrittenLeavesThemAsTheyWere() throws Exception {
        try (TmpfsMount small = TmpfsMount.of(root.resolve("small"), 256 * 1024)) {
            Path project = project(small.folder());
            Path file = project.resolve(".fahr/jobs.json");
            byte[] before = Files.readAllBytes(file);
            small.fill("filler.bin");
            for (String name : JOBS) {
                JobName job = JobName.parse(name);
                driver.jobs.put(job, JobStatus.builder(job, JobState.COMPLETED).build()); // a change to write
            }
            FaultLedger.Stopwatch watch = new FaultLedger.Stopwatch();
            assertEquals(1, run(project, "status", "--no-watch"));
            java.time.Duration took = watch.elapsed();
            String line = oneErrorLine();
            assertTrue(line.startsWith("fahr status: cannot write " + file) && line.contains("No space left on device")
                    && line.endsWith("it is as it was before this change"), line);
            assertArrayEquals(before, Files.readAllBytes(file));
            try (Stream<Path> left = Files.list(project.resolve(".fahr"))) {
                assertEquals(List.of(), left.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".partial"))
                        .toList(), "no half-written file left");
            }
            Files.delete(small.folder().resolve("filler.bin"));
            assertEquals(0, run(project, "status", "--no-watch"), errors.toString());
            assertTrue(new JobRecords(project).all().stream().allMatch(r -> r.state() == JobState.COMPLETED));
            FaultLedger.record("disk full while writing the job records", 1,
                    JOBS.size() - new JobRecords(project).all().size(), 0, 0, took);
        }
    }
}
