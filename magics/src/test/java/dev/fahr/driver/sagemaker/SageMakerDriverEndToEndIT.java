package dev.fahr.driver.sagemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fahr.driver.FetchResult;
import dev.fahr.driver.LogRequest;
import dev.fahr.image.BuildEvent;
import dev.fahr.job.ImageRef;
import dev.fahr.job.JobName;
import dev.fahr.job.JobState;
import dev.fahr.job.JobStatus;
import dev.fahr.settings.Settings;

/**
 * The driver against the local stand-ins, with jobs that really run: a tiny busybox trainer is built,
 * pushed to the password-protected registry through the ECR stand-in, and run by the fake SageMaker in
 * the local engine. Needs scripts/with-services.sh.
 */
class SageMakerDriverEndToEndIT {

    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);

    private static SageMakerTestEnvironment aws;
    private static ImageRef local;
    private static ImageRef pushed;
    private static final List<BuildEvent> firstPush = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        aws = new SageMakerTestEnvironment();
        local = aws.buildTrainerImage();
        pushed = aws.push(local, aws.settings(Map.of("ecr_repository", "fahr-e2e")), firstPush);
    }

    @AfterAll
    static void stop() throws Exception {
        if (aws != null) {
            aws.close();
        }
    }

    private static JobStatus status(JobName job) {
        return aws.driver.status(List.of(job), aws.settings()).get(0);
    }

    private static JobStatus awaitState(JobName job, JobState state) throws InterruptedException {
        SageMakerTestEnvironment.await(job + " to reach " + state, JOB_TIMEOUT, () -> {
            JobState now = status(job).state();
            if (now.isTerminal() && now != state) {
                throw new AssertionError(job + " ended " + now + " instead of " + state + ": " + status(job)
                        + "\nlogs: " + aws.logs.messages(TrainingLogReader.LOG_GROUP, job + "/"));
            }
            return now == state;
        });
        return status(job);
    }

    private static List<String> logLines(JobName job, LogRequest request) {
        List<String> lines = new ArrayList<>();
        aws.driver.logs(job, request, aws.settings(), (time, stream, text) -> lines.add(text));
        return lines;
    }

    @Test
    void theDestinationIsAnEcrRepositoryCreatedOnDemandAndThePushIsPinnedToItsDigest() {
        assertTrue(aws.ecr.hasRepository("fahr-e2e"));
        assertTrue(pushed.digest().orElseThrow().matches("sha256:[0-9a-f]{64}"), pushed.toString());
        assertEquals(aws.services.registry() + "/fahr-e2e:" + local.reference().split(":")[1], pushed.reference());
        assertTrue(pushed.pinned().startsWith(aws.services.registry() + "/fahr-e2e@sha256:"), pushed.pinned());
        assertTrue(firstPush.stream().anyMatch(e -> e instanceof BuildEvent.Upload u && u.finished() && !u.exists()),
                firstPush.toString());

        List<BuildEvent> secondPush = new ArrayList<>();
        ImageRef again = aws.push(local, aws.settings(Map.of("ecr_repository", "fahr-e2e")), secondPush);
        assertEquals(pushed.digest(), again.digest());
        assertFalse(secondPush.stream().anyMatch(e -> e instanceof BuildEvent.Upload u && !u.exists()),
                "nothing sent again: " + secondPush);
        assertTrue(secondPush.stream().anyMatch(e -> e instanceof BuildEvent.Upload u && u.exists()), secondPush.toString());
    }

    @Test
    void aJobRunsToCompletionWithLogsAndAModel(@TempDir Path folder) throws Exception {
        Path data = Files.createDirectories(folder.resolve("data"));
        Files.writeString(data.resolve("data.txt"), "hello-data");
        Settings settings = aws.settings(Map.of("input.train", data.toString(), "env.FAHR_GREETING", "hi there",
                "tag.team", "fahr"));
        JobName job = SageMakerTestEnvironment.newJobName("complete");
        JobStatus submitted = aws.driver.submit(aws.spec(job, pushed, Map.of("mode", "ok", "epochs", "3"), settings));
        assertEquals(JobState.IN_PROGRESS, submitted.state());
        assertTrue(submitted.consoleUrl().orElseThrow().toString().endsWith("#/jobs/" + job));

        JobStatus done = awaitState(job, JobState.COMPLETED);
        assertEquals("Completed", done.secondaryStatus());
        assertTrue(done.endedAt().isPresent());
        assertEquals(List.of("Starting", "Downloading", "Training", "Uploading", "Completed"),
                aws.sageMaker.secondaryStatuses(job.value()));

        List<String> lines = logLines(job, LogRequest.ALL);
        assertTrue(lines.contains("channel train holds: hello-data"), lines.toString());
        assertTrue(lines.contains("greeting=hi there"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"current_host\":\"algo-1\"")), lines.toString());
        assertEquals(List.of("training finished"), logLines(job, LogRequest.tail(1)));

        FetchResult fetched = aws.driver.fetch(job, folder.resolve("model"), true, aws.settings());
        String model = Files.readString(folder.resolve("model/model.txt"));
        assertTrue(model.startsWith("trained on hello-data with {"), model);
        assertTrue(model.contains("\"epochs\":\"3\""), "hyperparameters arrive as strings: " + model);
        assertTrue(fetched.extracted().contains(folder.resolve("model/model.txt").toAbsolutePath()),
                fetched.extracted().toString());
    }

    @Test
    void aFailedJobShowsItsReasonAndLastLines() throws Exception {
        JobName job = SageMakerTestEnvironment.newJobName("fails");
        aws.driver.submit(aws.spec(job, pushed, Map.of("mode", "fail"), aws.settings()));
        JobStatus failed = awaitState(job, JobState.FAILED);
        assertEquals("intentional failure: the loss was NaN at epoch 2", failed.failureReason().orElseThrow());
        assertEquals("Failed", failed.secondaryStatus());
        // stdout and stderr travel through separate pipes, so the order of the lines written within the
        // same millisecond is not fixed; the trainer writes five lines before it fails.
        List<String> last = logLines(job, LogRequest.tail(5));
        assertTrue(last.size() >= 4 && last.size() <= 5, last.toString());
        assertTrue(last.contains("about to fail on purpose"), last.toString());
        assertTrue(last.contains("hyperparameters: {\"mode\":\"fail\"}"), last.toString());
        assertEquals(2, logLines(job, LogRequest.tail(2)).size());
    }

    @Test
    void aStoppedJobEndsStoppedAndFollowingItsLogsEnds() throws Exception {
        JobName job = SageMakerTestEnvironment.newJobName("stops");
        aws.driver.submit(aws.spec(job, pushed, Map.of("mode", "loop"), aws.settings()));
        SageMakerTestEnvironment.await(job + " to loop", JOB_TIMEOUT,
                () -> aws.logs.messages(TrainingLogReader.LOG_GROUP, job + "/").contains("looping until stopped"));
        List<String> followed = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> following = CompletableFuture.runAsync(() -> aws.driver.logs(job,
                LogRequest.ALL.following(), aws.settings(), (time, stream, text) -> followed.add(text)));

        aws.driver.stop(job, aws.settings());
        JobState right = status(job).state();
        assertTrue(right == JobState.STOPPING || right == JobState.STOPPED, right.toString());
        JobStatus stopped = awaitState(job, JobState.STOPPED);
        assertEquals("Stopped", stopped.secondaryStatus());
        assertTrue(aws.sageMaker.secondaryStatuses(job.value()).contains("Stopping"));

        following.get(30, TimeUnit.SECONDS);
        assertTrue(followed.contains("looping until stopped"), followed.toString());
        assertTrue(followed.contains("got SIGTERM, saving and exiting"), followed.toString());
    }

    @Test
    void aThrottledLaunchCreatesExactlyOneJob() throws Exception {
        int jobsBefore = aws.sageMaker.jobCount();
        aws.server.resetCalls();
        aws.server.throttleNext("CreateTrainingJob", 2);
        JobName job = SageMakerTestEnvironment.newJobName("throttled");
        assertEquals(job, aws.driver.submit(aws.spec(job, pushed, Map.of("mode", "fail"), aws.settings())).name());
        assertEquals(jobsBefore + 1, aws.sageMaker.jobCount());
        assertEquals(3, aws.server.calls("CreateTrainingJob"));

        // Throttled beyond the SDK's own retries: our loop describes by name before each new attempt.
        aws.server.resetCalls();
        aws.server.throttleNext("CreateTrainingJob", 4);
        JobName second = SageMakerTestEnvironment.newJobName("throttled");
        aws.driver.submit(aws.spec(second, pushed, Map.of("mode", "fail"), aws.settings()));
        assertEquals(jobsBefore + 2, aws.sageMaker.jobCount());
        assertTrue(aws.server.calls("DescribeTrainingJob") >= 2, "looked up before retrying");
        awaitState(job, JobState.FAILED);
        awaitState(second, JobState.FAILED);
    }

    @Test
    void aLostResponseDoesNotCreateADuplicate() throws Exception {
        int jobsBefore = aws.sageMaker.jobCount();
        aws.server.failAfterApplying("CreateTrainingJob", 1);
        JobName job = SageMakerTestEnvironment.newJobName("lost");
        JobStatus status = aws.driver.submit(aws.spec(job, pushed, Map.of("mode", "fail"), aws.settings()));
        assertEquals(job, status.name());
        assertEquals(jobsBefore + 1, aws.sageMaker.jobCount());
        // Submitting the same spec again (a retry after a crash) starts nothing new either.
        aws.driver.submit(aws.spec(job, pushed, Map.of("mode", "fail"), aws.settings()));
        assertEquals(jobsBefore + 1, aws.sageMaker.jobCount());
        awaitState(job, JobState.FAILED);
    }

    @Test
    void theStatusOfManyJobsTakesOneListCall() throws Exception {
        List<JobName> jobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            JobName job = SageMakerTestEnvironment.newJobName("many");
            aws.driver.submit(aws.spec(job, pushed, Map.of("mode", "loop"), aws.settings()));
            jobs.add(job);
        }
        aws.server.resetCalls();
        List<JobStatus> running = aws.driver.status(jobs, aws.settings());
        assertEquals(jobs, running.stream().map(JobStatus::name).toList());
        assertTrue(running.stream().allMatch(s -> s.state() == JobState.IN_PROGRESS), running.toString());
        assertEquals(1, aws.server.calls("ListTrainingJobs"));
        assertEquals(0, aws.server.calls("DescribeTrainingJob"));

        for (JobName job : jobs) {
            SageMakerTestEnvironment.await(job + " to loop", JOB_TIMEOUT, () -> aws.logs
                    .messages(TrainingLogReader.LOG_GROUP, job + "/").contains("looping until stopped"));
            aws.driver.stop(job, aws.settings());
        }
        for (JobName job : jobs) {
            awaitState(job, JobState.STOPPED);
        }
        aws.server.resetCalls();
        List<JobStatus> ended = aws.driver.status(jobs, aws.settings());
        assertTrue(ended.stream().allMatch(s -> s.state() == JobState.STOPPED), ended.toString());
        assertEquals(1, aws.server.calls("ListTrainingJobs"));
        assertEquals(jobs.size(), aws.server.calls("DescribeTrainingJob"), "only ended jobs are described");
    }
}
