package dev.fahr.driver.sagemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fahr.driver.DriverException;
import dev.fahr.driver.FetchResult;
import dev.fahr.job.ImageRef;
import dev.fahr.job.JobName;
import dev.fahr.job.JobSpec;
import dev.fahr.settings.Settings;
import software.amazon.awssdk.core.sync.RequestBody;

/** What the driver does before a job runs, and fetch's safety: S3Proxy and the protocol server only. */
class SageMakerDriverWithoutEngineTest {

    private static final ImageRef PUSHED = ImageRef.of("127.0.0.1:9/fahr-x:abc").withDigest("sha256:" + "1".repeat(64));
    private static SageMakerTestEnvironment aws;

    @BeforeAll
    static void start() throws Exception {
        aws = new SageMakerTestEnvironment(false);
    }

    @AfterAll
    static void stop() throws Exception {
        aws.close();
    }

    private static JobSpec spec(JobName name, Settings settings) {
        return aws.spec(name, PUSHED, Map.of("mode", "ok"), settings);
    }

    @Test
    void aMissingBucketIsOneLineNamingTheSetting() {
        Settings settings = aws.settings(Map.of("output_path", "s3://your-s3-bucket/fahr/"));
        DriverException e = assertThrows(DriverException.class,
                () -> aws.driver.submit(spec(SageMakerTestEnvironment.newJobName("nobucket"), settings)));
        assertEquals("the bucket your-s3-bucket does not exist or is not yours: check --config.output_path",
                e.getMessage());
    }

    @Test
    void aRoleNameIsResolvedThroughStsAndAnUnknownRoleIsOneLine() {
        Settings settings = aws.settings(Map.of("role_name", "your-s3-role"));
        int before = aws.server.calls("GetCallerIdentity");
        DriverException e = assertThrows(DriverException.class,
                () -> aws.driver.submit(spec(SageMakerTestEnvironment.newJobName("norole"), settings)));
        assertEquals("role your-s3-role not found or SageMaker cannot assume it: pass --config.role_name=ARN of a "
                + "role SageMaker can assume", e.getMessage());
        assertEquals(before + 1, aws.server.calls("GetCallerIdentity"));
        assertEquals("arn:aws:iam::123456789012:role/x",
                new RoleArns(null).resolve("arn:aws:iam::123456789012:role/x"), "an ARN needs no STS call");
    }

    @Test
    void aKnownRoleNameLaunchesWithTheAccountsArn() {
        Settings settings = aws.settings(Map.of("role_name", SageMakerTestEnvironment.ROLE_NAME));
        JobName name = SageMakerTestEnvironment.newJobName("rolename");
        var status = aws.driver.submit(spec(name, settings));
        assertEquals(name, status.name());
        assertEquals("https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/jobs/" + name,
                status.consoleUrl().orElseThrow().toString());
    }

    @Test
    void anUnpushedImageIsRefused() {
        JobSpec spec = aws.spec(SageMakerTestEnvironment.newJobName("unpushed"), ImageRef.of("fahr-x:abc"),
                Map.of(), aws.settings());
        assertTrue(assertThrows(DriverException.class, () -> aws.driver.submit(spec)).getMessage()
                .contains("has not been pushed"));
    }

    @Test
    void fetchRefusesAnArchiveThatClimbsOut(@TempDir Path folder) throws Exception {
        JobName job = SageMakerTestEnvironment.newJobName("evil");
        Path archive = folder.resolve("evil.tar.gz");
        try (OutputStream out = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            byte[] data = "owned".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry("../escaped.txt");
            entry.setSize(data.length);
            tar.putArchiveEntry(entry);
            tar.write(data);
            tar.closeArchiveEntry();
        }
        aws.s3.putObject(r -> r.bucket(SageMakerTestEnvironment.BUCKET).key("jobs/" + job + "/output/model.tar.gz"),
                RequestBody.fromFile(archive));
        Path target = folder.resolve("model");
        DriverException e = assertThrows(DriverException.class,
                () -> aws.driver.fetch(job, target, true, aws.settings()));
        assertTrue(e.getMessage().contains("refusing archive entry '../escaped.txt'"), e.getMessage());
        assertFalse(Files.exists(folder.resolve("escaped.txt")));

        FetchResult kept = aws.driver.fetch(job, target, false, aws.settings());
        assertTrue(Files.isRegularFile(kept.archive()));
        assertEquals(List.of(), kept.extracted());
    }

    @Test
    void fetchOfAJobWithoutModelSaysSo(@TempDir Path folder) {
        DriverException e = assertThrows(DriverException.class, () -> aws.driver.fetch(
                SageMakerTestEnvironment.newJobName("nomodel"), folder, true, aws.settings()));
        assertTrue(e.getMessage().contains("has no model at s3://fahr-test-bucket/jobs/"), e.getMessage());
    }
}
