package dev.fahr.driver.local;

import static dev.fahr.driver.local.TestEngine.spec;
import static dev.fahr.driver.local.TestEngine.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.github.dockerjava.api.DockerClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fahr.driver.FetchResult;
import dev.fahr.driver.LogRequest;
import dev.fahr.job.JobName;
import dev.fahr.job.JobState;
import dev.fahr.job.JobStatus;

/**
 * The real fahr-runner in a JDK image, run by the local driver: hyperparameters reach the notebook's
 * parameters cell, the model it saves comes back with fetch, and a failure's reason is the runner's.
 */
class RunnerEndToEndIT {

    private static final String SCRIPT = """
            // @fahr-cell 1 id=a parameters
            int epochs = 2;
            // @fahr-cell 2 id=b
            java.nio.file.Files.writeString(Fahr.modelDir().resolve("model.txt"), "trained for " + epochs + " epochs");
            """;

    // What a template's run.sh does: only `train` runs the job, and exec hands SIGTERM to the runner.
    private static final String RUN_SH = """
            #!/bin/sh
            [ "$1" = train ] || { echo "usage: run.sh train" >&2; exit 2; }
            exec java -jar /opt/fahr/fahr-runner.jar train --script /opt/fahr/train.jsh --notebook-name train.ipynb
            """;

    // A JVM and JShell start in the container: generous, but still a deadline.
    private static final Duration DEADLINE = Duration.ofSeconds(180);

    @TempDir
    Path temp;

    private final DockerClient docker = TestEngine.client();
    private final LocalDriver driver = new LocalDriver();
    private String image;
    private List<JobName> jobs = List.of();

    @AfterEach
    void cleanUp() {
        TestEngine.removeContainers(docker, jobs);
        if (image != null) {
            TestEngine.removeImage(docker, image);
        }
        driver.close();
    }

    @Test
    void notebookRunsWithHyperparametersAndItsModelIsFetched() throws IOException {
        image = TestEngine.buildImage(docker, temp.resolve("image"), """
                FROM eclipse-temurin:21-jdk
                COPY fahr-runner.jar /opt/fahr/fahr-runner.jar
                COPY train.jsh run.sh /opt/fahr/
                ENTRYPOINT ["/bin/sh", "/opt/fahr/run.sh"]
                """, Map.of("fahr-runner.jar", runnerJar(),
                "train.jsh", SCRIPT.getBytes(StandardCharsets.UTF_8),
                "run.sh", RUN_SH.getBytes(StandardCharsets.UTF_8)));
        JobName good = TestEngine.uniqueName("runner-ok");
        JobName bad = TestEngine.uniqueName("runner-bad");
        jobs = List.of(good, bad);
        Map<String, String> settings = Map.of("workspace", temp.resolve("workspaces").toString());

        driver.submit(spec(good, image, temp, settings, Map.of("epochs", "3")).build());
        driver.submit(spec(bad, image, temp, settings, Map.of("epochs", "three")).build());
        List<JobStatus> ended = waitFor("both runner jobs to end", DEADLINE,
                () -> driver.status(jobs, TestEngine.settings(Map.of())),
                statuses -> statuses.stream().allMatch(s -> s.state().isTerminal()));

        assertEquals(JobState.COMPLETED, ended.get(0).state(), ended.get(0) + "\n" + logs(good));
        FetchResult fetched = driver.fetch(good, temp.resolve("fetched"), true, TestEngine.settings(Map.of()));
        assertEquals("trained for 3 epochs", Files.readString(temp.resolve("fetched/model.txt")));
        assertTrue(fetched.extracted().contains(temp.resolve("fetched/model.txt")));
        assertTrue(Files.readString(temp.resolve("fetched/train.executed.ipynb")).contains("injected-parameters"),
                "the executed notebook is fetched beside the model");

        JobStatus failed = ended.get(1);
        assertEquals(JobState.FAILED, failed.state(), failed.toString());
        Optional<String> reason = failed.failureReason();
        assertTrue(reason.isPresent() && reason.get().contains("epochs") && reason.get().length() <= 1024,
                "the runner's failure file is the reason: " + reason);
    }

    private String logs(JobName job) {
        StringBuilder text = new StringBuilder();
        driver.logs(job, LogRequest.ALL, TestEngine.settings(Map.of()),
                (time, stream, line) -> text.append(stream).append(": ").append(line).append('\n'));
        return text.toString();
    }

    /** The runner jar the magics build embeds, else the runner module's own build output. */
    private static byte[] runnerJar() throws IOException {
        try (InputStream embedded = RunnerEndToEndIT.class.getResourceAsStream("/dev/fahr/image/fahr-runner.jar")) {
            if (embedded != null) {
                return embedded.readAllBytes();
            }
        }
        Path runnerModule = Path.of("..", "runner");
        if (Files.isDirectory(runnerModule)) {
            try (Stream<Path> builds = Files.list(runnerModule)) {
                Optional<Path> jar = builds.filter(dir -> dir.getFileName().toString().startsWith("target"))
                        .map(dir -> dir.resolve("fahr-runner.jar")).filter(Files::isRegularFile).findFirst();
                if (jar.isPresent()) {
                    return Files.readAllBytes(jar.get());
                }
            }
        }
        return fail("no fahr-runner.jar: build it first (mvn -B -o -pl runner,magics -am install -DskipTests)");
    }
}
