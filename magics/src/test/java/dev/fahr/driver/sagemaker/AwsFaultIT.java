package dev.fahr.driver.sagemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.fahr.driver.DriverException;
import dev.fahr.driver.LogRequest;
import dev.fahr.driver.LogSink;
import dev.fahr.job.ImageRef;
import dev.fahr.job.JobName;
import dev.fahr.job.JobStatus;
import dev.fahr.settings.Settings;
import dev.fahr.testing.FaultLedger;
import dev.fahr.testing.FaultProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SageMaker driver's calls after launch (Describe, List, logs, stop) under faults injected by a
 * loopback proxy in front of the protocol test server: throttling and 5xx answers, a stalled connection, a
 * reset one. Passing faults are retried within the SDK's bound and the answer arrives; faults that last end
 * in one line with no empty field; a stall ends by the stated timeout, never a hang.
 */
class AwsFaultIT {

    private static final String JSON = "application/x-amz-json-1.1";
    private static final String THROTTLED = "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}";
    /** Short attempts keep the stall test short; the bound's logic is the production one. */
    private static final long ATTEMPT_MS = 2_000;

    private static SageMakerTestEnvironment aws;
    private static FaultProxy proxy;
    private static SageMakerDriver driver;
    private static JobName job;
    private static Settings settings;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("fahr.aws.attempt-timeout-ms", String.valueOf(ATTEMPT_MS));
        aws = new SageMakerTestEnvironment(false);
        proxy = FaultProxy.before(aws.server.endpoint());
        driver = new SageMakerDriver(SageMakerEndpoints.allAt(proxy.endpoint(), aws.s3Proxy.endpoint()),
                Duration.ofMillis(200), duration -> Thread.sleep(Math.min(duration.toMillis(), 100)));
        settings = aws.settings();
        job = SageMakerTestEnvironment.newJobName("faults");
        ImageRef pushed = ImageRef.of("127.0.0.1:9/fahr-x:abc").withDigest("sha256:" + "2".repeat(64));
        aws.driver.submit(aws.spec(job, pushed, Map.of("mode", "ok"), settings));
    }

    @AfterAll
    static void stop() throws Exception {
        System.clearProperty("fahr.aws.attempt-timeout-ms");
        proxy.close();
        aws.close();
    }

    @AfterEach
    void disarm() {
        proxy.disarm();
    }

    private static JobStatus status() {
        List<JobStatus> statuses = driver.status(List.of(job), settings);
        assertEquals(1, statuses.size(), statuses.toString());
        return statuses.get(0);
    }

    @Test
    void throttlingAndServerErrorsOnStatusAreRetriedAndTheAnswerArrives() {
        int before = proxy.injected();
        proxy.failWith(400, JSON, THROTTLED, "x-amzn-ErrorType: ThrottlingException\r\n", 1);
        proxy.failWith(503, JSON, "", 1);
        FaultLedger.Stopwatch watch = new FaultLedger.Stopwatch();
        assertEquals(job, status().name());
        assertEquals(before + 2, proxy.injected(), "both faults were met and ridden out");
        FaultLedger.record("AWS throttling and 503 on status (retried)", 2, FaultLedger.NOT_APPLICABLE, FaultLedger.NOT_APPLICABLE, 0, watch.elapsed());
    }

    @Test
    void aResetConnectionIsRetried() {
        int before = proxy.injected();
        proxy.reset(1);
        FaultLedger.Stopwatch watch = new FaultLedger.Stopwatch();
        assertEquals(job, status().name());
        assertEquals(before + 1, proxy.injected());
        FaultLedger.record("AWS connection reset on status (retried)", 1, FaultLedger.NOT_APPLICABLE, FaultLedger.NOT_APPLICABLE, 0, watch.elapsed());
    }

    @Test
    void logsRideOutThrottling() {
        int before = proxy.injected();
        proxy.failWith(400, JSON, THROTTLED, "x-amzn-ErrorType: ThrottlingException\r\n", 2);
        List<String> lines = new ArrayList<>();
        LogSink sink = (time, stream, text) -> lines.add(text);
        FaultLedger.Stopwatch watch = new FaultLedger.Stopwatch();
        driver.logs(job, LogRequest.ALL, settings, sink);
        assertEquals(before + 2, proxy.injected());
        FaultLedger.record("AWS throttling on logs (retried)", 2, FaultLedger.NOT_APPLICABLE, FaultLedger.NOT_APPLICABLE, 0, watch.elapsed());
    }

    @Test
    void aServerErrorThatLastsIsOneLineWithNoEmptyFieldAfterABoundedNumberOfTries() {
        int before = proxy.connections();
        proxy.failWith(500, JSON, "", 50);
        FaultLedger.Stopwatch watch = new FaultLedger.Stopwatch();
        DriverException e = assertThrows(DriverException.class, () -> driver.stop(job, settings));
        java.time.Duration took = watch.elapsed();
        assertEquals("could not stop training job " + job + ": HTTP 500 (a fault on AWS's side; try again)",
                e.getMessage());
        assertFalse(e.getMessage().contains(": :"), e.getMessage());
        int tries = proxy.connections() - before;
        assertTrue(tries >= 2 && tries <= 4, "retried, within the SDK's bound: " + tries);
        FaultLedger.record("AWS 500 that lasts, on stop (one line after the SDK's retries)", tries, FaultLedger.NOT_APPLICABLE, FaultLedger.NOT_APPLICABLE, 0, took);
    }

    @Test
    void aStalledConnectionEndsByTheStatedTimeoutWithOneLine() {
        proxy.stall(50);
        int before = proxy.injected();
        FaultLedger.Stopwatch watch = new FaultLedger.Stopwatch();
        DriverException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(DriverException.class, AwsFaultIT::status));
        assertTrue(e.getMessage().startsWith("could not ") && e.getMessage().endsWith("AWS did not answer within 6 s"
                + " (2 s per attempt); check the network and try again"), e.getMessage());
        FaultLedger.record("AWS connection stalled on status (bound: 3 attempts of 2 s here, of 20 s by default)",
                proxy.injected() - before, FaultLedger.NOT_APPLICABLE, FaultLedger.NOT_APPLICABLE, 0, watch.elapsed());
    }
}
