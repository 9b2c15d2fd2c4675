package dev.fahr.driver.local;

import static dev.fahr.driver.local.TestEngine.spec;
import static dev.fahr.driver.local.TestEngine.uniqueName;
import static dev.fahr.driver.local.TestEngine.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fahr.driver.DriverException;
import dev.fahr.driver.FetchResult;
import dev.fahr.driver.LogRequest;
import dev.fahr.driver.ProgressListener;
import dev.fahr.job.JobName;
import dev.fahr.job.JobSpec;
import dev.fahr.job.JobState;
import dev.fahr.job.JobStatus;
import dev.fahr.settings.Settings;

/** The local driver against a real Docker engine, with a tiny busybox image whose behaviour a hyperparameter picks. */
class LocalDriverIT {

    // Reads hyperparameters.json as SageMaker writes it, then completes, fails, or loops until SIGTERM.
    private static final String TRAIN_SCRIPT = """
            #!/bin/sh
            hp() { sed -n "s/.*\\"$1\\" *: *\\"\\([^\\"]*\\)\\".*/\\1/p" /opt/ml/input/config/hyperparameters.json; }
            [ "$1" = train ] || { echo "expected the command train, got: $*" >&2; exit 2; }
            mode=$(hp mode)
            echo "starting mode=$mode"
            echo "a line on stderr" >&2
            case "$mode" in
              complete)
                echo "epochs=$(hp epochs)" > /opt/ml/model/model.txt
                echo "env=$FAHR_EXECUTION_ENVIRONMENT job=$TRAINING_JOB_NAME greeting=$GREETING" > /opt/ml/model/env.txt
                if [ -d /opt/ml/input/data/train ]; then cp /opt/ml/input/data/train/* /opt/ml/model/; fi
                cp /opt/ml/input/config/resourceconfig.json /opt/ml/model/
                echo "notebook" > /opt/ml/output/data/train.executed.ipynb
                exit 0;;
              fail) echo "boom: the loss went NaN" > /opt/ml/output/failure; exit 1;;
              exit3) exit 3;;
              loop)
                trap 'echo "got SIGTERM"; exit 143' TERM
                echo looping
                while true; do sleep 1 & wait $!; done;;
            esac
            """;

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static DockerClient docker;
    private static String image;
    @TempDir
    static Path shared;

    @TempDir
    Path temp;

    private final LocalDriver driver = new LocalDriver();
    private final List<JobName> jobs = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void buildImage() throws IOException {
        docker = TestEngine.client();
        image = TestEngine.buildImage(docker, shared.resolve("image"), """
                FROM fahr-test/busybox:latest
                COPY train.sh /train.sh
                ENTRYPOINT ["/bin/sh", "/train.sh"]
                """, Map.of("train.sh", TRAIN_SCRIPT.getBytes(StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void removeImage() {
        if (docker != null && image != null) {
            TestEngine.removeImage(docker, image);
        }
    }

    @AfterEach
    void removeContainers() {
        TestEngine.removeContainers(docker, jobs);
        driver.close();
    }

    @Test
    void completedJobHasItsModelPackedAndFetchable() throws IOException {
        Path data = Files.createDirectories(temp.resolve("data"));
        Files.writeString(data.resolve("rows.csv"), "1,2,3\n");
        JobName job = submit(name("done"), Map.of("mode", "complete", "epochs", "7"),
                Map.of("input.train", data.toString(), "env.GREETING", "hello"), false);

        JobStatus status = awaitEnd(job);

        assertEquals(JobState.COMPLETED, status.state(), status.toString());
        assertTrue(status.startedAt().isPresent() && status.endedAt().isPresent(), status.toString());
        Path workspace = temp.resolve("workspaces").resolve(job.value());
        assertTrue(Files.isRegularFile(workspace.resolve("output/model.tar.gz")), "model.tar.gz packed when the job ended");
        assertTrue(Files.readString(workspace.resolve("input/config/hyperparameters.json")).contains("\"epochs\" : \"7\""));

        FetchResult fetched = driver.fetch(job, temp.resolve("fetched"), true, settings());

        Path target = temp.resolve("fetched");
        assertEquals(target.resolve("model.tar.gz"), fetched.archive());
        assertEquals("epochs=7", Files.readString(target.resolve("model.txt")).strip());
        assertEquals("env=local job=" + job + " greeting=hello", Files.readString(target.resolve("env.txt")).strip());
        assertEquals("1,2,3", Files.readString(target.resolve("rows.csv")).strip());
        assertTrue(Files.readString(target.resolve("resourceconfig.json")).contains("algo-1"));
        assertTrue(fetched.extracted().contains(target.resolve("model.txt")), fetched.extracted().toString());
        assertTrue(Files.isRegularFile(target.resolve("train.executed.ipynb")), "executed notebook copied beside");
        assertEquals(List.of(target.resolve("train.executed.ipynb")), fetched.notebooks());

        List<String> lines = new ArrayList<>();
        driver.logs(job, LogRequest.ALL, settings(), (time, stream, text) -> lines.add(stream + ": " + text));
        assertTrue(lines.contains("stdout: starting mode=complete"), lines.toString());
        assertTrue(lines.contains("stderr: a line on stderr"), lines.toString());
    }

    @Test
    void fetchWithoutExtractingOnlyCopiesTheArchive() {
        JobName job = submit(name("noext"), Map.of("mode", "complete", "epochs", "1"), Map.of(), false);
        awaitEnd(job);

        FetchResult fetched = driver.fetch(job, temp.resolve("fetched"), false, settings());

        assertTrue(Files.isRegularFile(fetched.archive()));
        assertEquals(List.of(), fetched.extracted());
        assertEquals(List.of(temp.resolve("fetched/train.executed.ipynb")), fetched.notebooks(), "copied all the same");
        assertFalse(Files.exists(temp.resolve("fetched/model.txt")));
    }

    @Test
    void failedJobReportsItsFailureFile() {
        JobName job = submit(name("fail"), Map.of("mode", "fail"), Map.of(), false);

        JobStatus status = awaitEnd(job);

        assertEquals(JobState.FAILED, status.state());
        assertEquals(Optional.of("boom: the loss went NaN"), status.failureReason());
    }

    @Test
    void failedJobWithoutFailureFileReportsItsExitCode() {
        JobName job = submit(name("exit3"), Map.of("mode", "exit3"), Map.of(), false);

        JobStatus status = awaitEnd(job);

        assertEquals(JobState.FAILED, status.state());
        assertEquals(Optional.of("exit code 3"), status.failureReason());
    }

    @Test
    void stoppedJobGetsSigtermAndEndsStopped() throws InterruptedException {
        JobName job = submit(name("stop"), Map.of("mode", "loop"), Map.of(), false);
        awaitLogLine(job, "looping");
        assertEquals(JobState.IN_PROGRESS, status(job).state());
        DriverException stillRunning = assertThrows(DriverException.class,
                () -> driver.fetch(job, temp.resolve("fetched"), true, settings()));
        assertEquals("job " + job + " is still running; fetch it when it has completed (see status)",
                stillRunning.getMessage());

        // Following the logs from before the stop: the stream ends when the container does.
        List<String> followed = new CopyOnWriteArrayList<>();
        Thread follower = new Thread(() -> driver.logs(job, LogRequest.tail(1).following(), settings(),
                (time, stream, text) -> followed.add(text)));
        follower.start();
        waitFor("the follower to connect", DEADLINE, () -> List.copyOf(followed), lines -> !lines.isEmpty());

        driver.stop(job, settings());

        JobStatus status = awaitEnd(job);
        assertEquals(JobState.STOPPED, status.state(), status.toString());
        assertEquals(143L, docker.inspectContainerCmd(job.value()).exec().getState().getExitCodeLong(),
                "the trap ran on SIGTERM: no SIGKILL was needed");
        follower.join(DEADLINE.toMillis());
        assertFalse(follower.isAlive(), "following the logs ends with the container");
        // stdout and stderr are separate pipes, so which of the early lines was last is not fixed.
        assertEquals(2, followed.size(), "the last line before following, then the rest: " + followed);
        assertEquals("got SIGTERM", followed.get(1));
    }

    @Test
    void submittingTheSameJobTwiceStartsOneContainer() {
        JobName job = name("twice");
        JobSpec spec = spec(job, image, temp, baseSettings(), Map.of("mode", "loop")).build();

        JobStatus first = driver.submit(spec);
        JobStatus second = driver.submit(spec);

        assertEquals(JobState.IN_PROGRESS, first.state());
        assertEquals(JobState.IN_PROGRESS, second.state());
        List<Container> containers = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ContainerLabels.JOB, job.value())).exec();
        assertEquals(1, containers.size(), containers.toString());
    }

    @Test
    void statusOfSeveralJobsListsTheEngineOnce() {
        JobName a = submit(name("many-a"), Map.of("mode", "complete", "epochs", "1"), Map.of(), false);
        JobName b = submit(name("many-b"), Map.of("mode", "fail"), Map.of(), false);
        JobName c = submit(name("many-c"), Map.of("mode", "loop"), Map.of(), false);
        JobName unknown = uniqueName("unknown");
        awaitEnd(a);
        awaitEnd(b);

        int before = driver.listCalls();
        List<JobStatus> statuses = driver.status(List.of(a, b, c, unknown), settings());

        assertEquals(before + 1, driver.listCalls(), "one listContainers call for all jobs");
        assertEquals(List.of(JobState.COMPLETED, JobState.FAILED, JobState.IN_PROGRESS),
                statuses.stream().map(JobStatus::state).toList(), "a job the engine does not know is left out");
        assertEquals("Training", statuses.get(2).secondaryStatus());
    }

    @Test
    void gpuJobOnAnEngineWithoutNvidiaRuntimeIsRefusedClearly() {
        JobName job = name("gpu");
        JobSpec spec = spec(job, image, temp, baseSettings(), Map.of("mode", "complete")).gpu(true).build();

        DriverException e = assertThrows(DriverException.class, () -> driver.submit(spec));

        assertTrue(e.getMessage().contains("no NVIDIA runtime is available"), e.getMessage());
        assertTrue(e.getMessage().contains("--train-image=default-cpu"), e.getMessage());
        assertTrue(e.getMessage().contains("--train-driver=sagemaker"), e.getMessage());
        assertTrue(driver.status(List.of(job), settings()).isEmpty(), "no container is left behind");
    }

    @Test
    void memoryAndCpuLimitsAreApplied() {
        JobName job = submit(name("limits"), Map.of("mode", "loop"), Map.of("memory", "64m", "cpus", "0.5"), false);

        InspectContainerResponse container = docker.inspectContainerCmd(job.value()).exec();

        HostConfig host = container.getHostConfig();
        assertEquals(64L * 1024 * 1024, host.getMemory());
        assertEquals(64L * 1024 * 1024, host.getMemorySwap(), "no swap on top of the limit");
        assertEquals(500_000_000L, host.getNanoCPUs());
        assertEquals("none", host.getNetworkMode());
        assertEquals(job.value(), container.getConfig().getLabels().get(ContainerLabels.JOB));
        assertEquals(List.of("train"), List.of(container.getConfig().getCmd()));
    }

    @Test
    void itsJobsRunWhereTheImageIsBuiltSoNothingIsPushed() {
        assertEquals(Optional.empty(), driver.imageDestination("fahr-x", settings(), ProgressListener.NONE));
    }

    private JobName name(String purpose) {
        JobName job = uniqueName(purpose);
        jobs.add(job);
        return job;
    }

    private JobName submit(JobName job, Map<String, String> hyperparameters, Map<String, String> extraSettings,
                           boolean gpu) {
        Map<String, String> settings = new HashMap<>(baseSettings());
        settings.putAll(extraSettings);
        JobStatus status = driver.submit(spec(job, image, temp, settings, hyperparameters).gpu(gpu).build());
        assertEquals(JobState.IN_PROGRESS, status.state());
        return job;
    }

    private Map<String, String> baseSettings() {
        return Map.of("workspace", temp.resolve("workspaces").toString());
    }

    private Settings settings() {
        return TestEngine.settings(Map.of());
    }

    private JobStatus status(JobName job) {
        return driver.status(List.of(job), settings()).get(0);
    }

    private JobStatus awaitEnd(JobName job) {
        return waitFor(job + " to end", DEADLINE, () -> status(job), s -> s.state().isTerminal());
    }

    private void awaitLogLine(JobName job, String line) {
        waitFor("the line '" + line + "' in the logs of " + job, DEADLINE, () -> {
            List<String> lines = new ArrayList<>();
            driver.logs(job, LogRequest.ALL, settings(), (time, stream, text) -> lines.add(text));
            return lines;
        }, lines -> lines.contains(line));
    }
}
