package dev.fahr.driver.local;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.github.dockerjava.api.DockerClient;

import dev.fahr.testing.Services;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;

import dev.fahr.job.Hyperparameters;
import dev.fahr.job.ImageRef;
import dev.fahr.job.JobName;
import dev.fahr.job.JobSpec;
import dev.fahr.settings.SettingSource;
import dev.fahr.settings.Settings;

/**
 * The real Docker engine the local driver's tests run against (DOCKER_HOST, as scripts/with-services.sh
 * exports it), and the small things those tests share: image builds, specs, waiting with deadlines.
 */
final class TestEngine {

    static final String HOW_TO_RUN = Services.HOW_TO_RUN;

    private TestEngine() {
    }

    /** A client for the engine, failing the test (never skipping it) when there is none. */
    static DockerClient client() {
        return Services.engine().client();
    }

    /** Builds {@code dockerfile} with the given files as its context and returns the new tag. */
    static String buildImage(DockerClient client, Path context, String dockerfile, Map<String, byte[]> files)
            throws IOException {
        Files.createDirectories(context);
        Files.writeString(context.resolve("Dockerfile"), dockerfile, StandardCharsets.UTF_8);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.write(context.resolve(file.getKey()), file.getValue());
        }
        String tag = "fahr-test/local-driver-" + UUID.randomUUID().toString().substring(0, 8) + ":latest";
        client.buildImageCmd(context.toFile())
                .withTags(Set.of(tag))
                .withPull(false)
                .exec(new BuildImageResultCallback())
                .awaitImageId();
        return tag;
    }

    static void removeImage(DockerClient client, String tag) {
        try {
            client.removeImageCmd(tag).withForce(true).exec();
        } catch (NotFoundException e) {
            // Already gone.
        }
    }

    static void removeContainers(DockerClient client, List<JobName> jobs) {
        for (JobName job : jobs) {
            try {
                client.removeContainerCmd(job.value()).withForce(true).exec();
            } catch (NotFoundException e) {
                // Never created (e.g. a refused submit).
            }
        }
    }

    static JobName uniqueName(String purpose) {
        return JobName.parse("ldt-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    static Settings settings(Map<String, String> values) {
        return Settings.resolve(LocalSettings.SCHEMA, List.of(new SettingSource("test", values)));
    }

    static JobSpec.Builder spec(JobName name, String image, Path jobFolder, Map<String, String> settings,
                                Map<String, String> hyperparameters) {
        return JobSpec.builder()
                .name(name)
                .driver(LocalDriver.NAME)
                .image(ImageRef.of(image))
                .hyperparameters(new Hyperparameters(hyperparameters))
                .settings(settings(settings))
                .jobFolder(jobFolder);
    }

    /** Polls {@code value} every 100 ms until {@code done} accepts it or {@code deadline} passes. */
    static <T> T waitFor(String what, Duration deadline, Supplier<T> value, Predicate<T> done) {
        Instant end = Instant.now().plus(deadline);
        T last = value.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(end)) {
                fail("timed out after " + deadline.toSeconds() + " s waiting for " + what + "; last seen: " + last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + what);
            }
            last = value.get();
        }
        return last;
    }
}
