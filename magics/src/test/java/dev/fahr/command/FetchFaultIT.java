package dev.fahr.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import dev.fahr.driver.ModelArchive;
import dev.fahr.job.JobName;
import dev.fahr.job.JobState;
import dev.fahr.records.JobRecord;
import dev.fahr.records.JobRecords;
import dev.fahr.testing.FaultLedger;
import dev.fahr.testing.FaultProxy;
import dev.fahr.testing.TmpfsMount;
import dev.fahr.testing.aws.AwsTestCredentials;
import dev.fahr.testing.aws.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code fetch} under faults, through a loopback proxy in front of S3Proxy: a download cut halfway, a job
 * without a model, and a disk that fills while the model is written. Whatever fails, the target folder is
 * as it was (absent, or holding the previous model whole), no hidden staging folder is left, and a rerun
 * completes.
 */
class FetchFaultIT extends ProjectEndToEnd {

    private static final String BUCKET = "fahr-fetch-faults";
    private static final String JOB = "fetchfault-2026-12-03-12-00-00-001";
    private static final int MODEL_BYTES = 3 << 20;

    private static AwsTestCredentials credentials;
    private static S3ProxyServer s3Proxy;
    private static S3Client s3;
    private static FaultProxy proxy;
    private static byte[] weights;

    @BeforeAll
    static void startServices() throws Exception {
        credentials = AwsTestCredentials.withTestKeys();
        s3Proxy = new S3ProxyServer(AwsTestCredentials.ACCESS_KEY, AwsTestCredentials.SECRET_KEY);
        s3 = s3Proxy.client();
        s3.createBucket(r -> r.bucket(BUCKET));
        proxy = FaultProxy.before(s3Proxy.endpoint());
        System.setProperty("fahr.aws.endpoint.s3", proxy.endpoint().toString());

        // A model that does not compress, so the archive is as large as the weights and a cut lands inside it.
        weights = new byte[MODEL_BYTES];
        new Random(7).nextBytes(weights);
        Path model = Files.createTempDirectory("fahr-fetch-model-");
        Files.write(model.resolve("weights.bin"), weights);
        Files.writeString(model.resolve("config.txt"), "layers=4\n");
        Path archive = model.resolveSibling(model.getFileName() + ".tar.gz");
        ModelArchive.pack(model, archive);
        s3.putObject(r -> r.bucket(BUCKET).key("jobs/" + JOB + "/output/" + ModelArchive.FILE_NAME),
                RequestBody.fromFile(archive));
    }

    @AfterAll
    static void stopServices() throws Exception {
        System.clearProperty("fahr.aws.endpoint.s3");
        proxy.close();
        s3.close();
        s3Proxy.close();
        credentials.close();
    }

    @BeforeEach
    void recordTheJobs() {
        JobRecords records = new JobRecords(project);
        for (String name : List.of(JOB, "nomodel-2026-12-03-12-00-00-002")) {
            records.add(JobRecord.builder(JobName.parse(name), "sagemaker", Instant.parse("2026-12-03T12:00:00Z"))
                    .submitted(true).state(JobState.COMPLETED)
                    .settings(Map.of("output_path", "s3://" + BUCKET + "/jobs/", "region", "us-east-1")).build());
        }
    }

    @AfterEach
    void disarm() {
        proxy.disarm();
    }

    private String oneErrorLine() {
        List<String> lines = errors.toString().lines().toList();
        assertEquals(1, lines.size(), errors.toString());
        return lines.get(0);
    }

    /** Nothing hidden beside the target: no staging folder outlives a fetch. */
    private static void assertNoStagingLeftIn(Path folder) throws Exception {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            List<String> hidden = entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.contains(".fetching-") || n.contains(".extracting-")).toList();
            assertEquals(List.of(), hidden, "staging left in " + folder);
        }
    }

    @Test
    void aDownloadCutHalfwayResumesWhereItStopped() throws Exception {
        proxy.cutAfter(MODEL_BYTES / 2, 1);
        int before = proxy.injected();
        int connections = proxy.connections();
        FaultLedger.Stopwatch watch = new FaultLedger.Stopwatch();
        assertEquals(0, run("fetch", JOB), errors.toString());
        java.time.Duration took = watch.elapsed();
        assertEquals(before + 1, proxy.injected(), "the cut happened");
        assertEquals(connections + 2, proxy.connections(), "one cut connection, one that resumed");
        Path target = project.resolve("fetched/" + JOB);
        assertArrayEquals(weights, Files.readAllBytes(target.resolve("weights.bin")));
        assertNoStagingLeftIn(project.resolve("fetched"));
        FaultLedger.record("S3 download cut halfway (fetch resumes it)", 1, FaultLedger.NOT_APPLICABLE, FaultLedger.NOT_APPLICABLE, 0, took);
    }

    @Test
    void aDownloadCutEveryTimeLeavesNoPartialModelAndARerunCompletes() throws Exception {
        proxy.cutAfter(MODEL_BYTES / 8, 20); // more cuts than fetch resumes
        int before = proxy.injected();
        FaultLedger.Stopwatch watch = new FaultLedger.Stopwatch();
        assertEquals(1, run("fetch", JOB));
        java.time.Duration took = watch.elapsed();
        int cuts = proxy.injected() - before;
        String line = oneErrorLine();
        assertTrue(line.startsWith("fahr fetch: could not download s3://" + BUCKET + "/jobs/" + JOB)
                && line.contains("the connection broke 4 times") && line.endsWith("try again"), line);
        Path target = project.resolve("fetched/" + JOB);
        assertFalse(Files.exists(target), "no partial model, and no empty folder");
        assertNoStagingLeftIn(project.resolve("fetched"));

        proxy.disarm();
        errors.getBuffer().setLength(0);
        assertEquals(0, run("fetch", JOB), errors.toString());
        assertArrayEquals(weights, Files.readAllBytes(target.resolve("weights.bin")));
        assertEquals("layers=4\n", Files.readString(target.resolve("config.txt")));
        assertNoStagingLeftIn(project.resolve("fetched"));
        FaultLedger.record("S3 download cut on every attempt (one line; a rerun completes)", cuts, FaultLedger.NOT_APPLICABLE, FaultLedger.NOT_APPLICABLE, 0, took);
    }

    @Test
    void aCutRefetchKeepsThePreviousModelWhole() throws Exception {
        assertEquals(0, run("fetch", JOB, "out"), errors.toString());
        Files.writeString(project.resolve("out/notes.md"), "mine");
        proxy.cutAfter(MODEL_BYTES / 8, 20);
        int before = proxy.injected();
        FaultLedger.Stopwatch watch = new FaultLedger.Stopwatch();
        assertEquals(1, run("fetch", JOB, "out"));
        java.time.Duration took = watch.elapsed();
        oneErrorLine();
        assertArrayEquals(weights, Files.readAllBytes(project.resolve("out/weights.bin")), "the previous model, whole");
        assertEquals("mine", Files.readString(project.resolve("out/notes.md")), "the user's own files stay");
        assertNoStagingLeftIn(project);
        FaultLedger.record("S3 download cut while replacing a fetched model", proxy.injected() - before, FaultLedger.NOT_APPLICABLE, FaultLedger.NOT_APPLICABLE, 0,
                took);
    }

    @Test
    void aFetchThatFailsForAnyReasonLeavesNoEmptyTargetFolder() throws Exception {
        FaultLedger.Stopwatch watch = new FaultLedger.Stopwatch();
        assertEquals(1, run("fetch", "nomodel", "results/nomodel"));
        java.time.Duration took = watch.elapsed();
        String line = oneErrorLine();
        assertTrue(line.contains("has no model at s3://" + BUCKET + "/jobs/nomodel-"), line);
        assertFalse(Files.exists(project.resolve("results/nomodel")), "no empty target folder");
        assertNoStagingLeftIn(project.resolve("results"));
        FaultLedger.record("fetch of a job that has no model", 1, FaultLedger.NOT_APPLICABLE, FaultLedger.NOT_APPLICABLE, 0, took);
    }

    @Test
    void aDiskThatFillsWhileTheModelIsWrittenLeavesTheTargetAsItWas() throws Exception {
        try (TmpfsMount small = TmpfsMount.of(project.resolve("small"), MODEL_BYTES / 2)) {
            Files.writeString(small.folder().resolve("kept.txt"), "before");
            FaultLedger.Stopwatch watch = new FaultLedger.Stopwatch();
            assertEquals(1, run("fetch", JOB, "small/model"));
            java.time.Duration took = watch.elapsed();
            String line = oneErrorLine();
            assertTrue(line.startsWith("fahr fetch: cannot write " + small.folder().resolve("model"))
                    && line.contains("No space left on device") && line.endsWith("nothing was changed there"), line);
            assertFalse(Files.exists(small.folder().resolve("model")), "no half-written model");
            assertEquals("before", Files.readString(small.folder().resolve("kept.txt")));
            assertNoStagingLeftIn(small.folder());
            FaultLedger.record("disk full while writing the fetched model", 1, FaultLedger.NOT_APPLICABLE, FaultLedger.NOT_APPLICABLE, 0, took);
        }
    }
}
