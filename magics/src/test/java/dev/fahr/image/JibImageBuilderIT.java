package dev.fahr.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.command.BuildImageResultCallback;

import dev.fahr.image.jib.JibImageBuilder;
import dev.fahr.internal.docker.DockerEngine;
import dev.fahr.job.ImageDestination;
import dev.fahr.job.ImageRef;
import dev.fahr.testing.Containers;
import dev.fahr.testing.Services;
import dev.fahr.testing.TestRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jib builds against the services' real parts: the password-protected registry (HTTPS, self-signed for
 * loopback), with the base images pushed to it first, and the Docker engine for the local target. Which
 * blobs a build uploaded is read from the registry's own request log. Needs scripts/with-services.sh.
 */
class JibImageBuilderIT {

    private static TestRegistry registry;
    private static String base;

    @TempDir
    Path temp;

    @BeforeAll
    static void pushBaseImages() throws Exception {
        registry = TestRegistry.require();
        base = registry.push("eclipse-temurin:21-jdk", "library/eclipse-temurin:21-jdk");
    }

    private Map<String, String> loggedIn(boolean rightPassword) throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        registry.dockerLogin(home, rightPassword);
        return Map.of("HOME", home.toString());
    }

    private static ImageDestination destination(String repository) {
        return new ImageDestination(registry.host() + "/" + repository, Optional.empty());
    }

    @Test
    void pushesTheImageTheDockerfileDescribesAndAnUnchangedJobSendsNothing() throws Exception {
        JobFolder job = TestJobs.javaJob(temp.resolve("job"), base, TestJobs.script("hi"));
        JibImageBuilder jib = JibImageBuilder.create(Optional.empty(), loggedIn(true));
        String repository = "fahr-jib-" + UUID.randomUUID().toString().substring(0, 8);
        List<BuildEvent> first = new ArrayList<>();
        ImageRef pushed = jib.build(job.buildContext(), Optional.of(destination(repository)), first::add);
        assertTrue(pushed.reference().startsWith(registry.host() + "/" + repository + ":"), pushed.toString());
        assertTrue(first.stream().anyMatch(e -> e instanceof BuildEvent.Upload u && !u.exists() && u.finished()),
                first.toString());
        assertTrue(first.stream().anyMatch(e -> e instanceof BuildEvent.Pushed p && p.digest().equals(
                pushed.digest().orElseThrow())), first.toString());

        JsonNode manifest = registry.manifest(repository, pushed.digest().orElseThrow());
        JsonNode config = registry.configOf(repository, manifest).path("config");
        assertEquals("[\"/opt/fahr/run.sh\"]", config.path("Entrypoint").toString());
        assertEquals("/opt/fahr/job", config.path("WorkingDir").asText());
        List<String> env = new ArrayList<>();
        config.path("Env").forEach(e -> env.add(e.asText()));
        assertTrue(env.contains("FAHR_EXECUTION_ENVIRONMENT=local"), env.toString());
        assertTrue(env.contains("JAVA_HOME=/opt/java/openjdk"), "the base image's environment is kept: " + env);

        long mark = registry.mark();
        List<BuildEvent> again = new ArrayList<>();
        ImageRef repeated = jib.build(job.buildContext(), Optional.of(destination(repository)), again::add);
        assertEquals(pushed, repeated, "the same inputs give the same digest");
        assertEquals(List.of(), registry.uploadsSince(mark, repository), "nothing uploaded again");
        assertFalse(again.stream().anyMatch(e -> e instanceof BuildEvent.Upload u && !u.exists()), again.toString());
    }

    @Test
    void aRefitAfterOneCellChangedUploadsOnlyTheScriptLayerAndTheConfig() throws Exception {
        JobFolder job = TestJobs.javaJob(temp.resolve("job"), base, TestJobs.script("first"));
        JibImageBuilder jib = JibImageBuilder.create(Optional.empty(), loggedIn(true));
        String repository = "fahr-jib-" + UUID.randomUUID().toString().substring(0, 8);
        ImageRef first = jib.build(job.buildContext(), Optional.of(destination(repository)), BuildListener.IGNORE);

        Files.writeString(job.root().resolve(TestJobs.SCRIPT), TestJobs.script("second"));
        long mark = registry.mark();
        ImageRef second = jib.build(job.buildContext(), Optional.of(destination(repository)), BuildListener.IGNORE);
        assertFalse(first.digest().equals(second.digest()));

        JsonNode before = registry.manifest(repository, first.digest().orElseThrow());
        JsonNode after = registry.manifest(repository, second.digest().orElseThrow());
        JsonNode layers = after.path("layers");
        for (int i = 0; i < layers.size() - 1; i++) {
            assertEquals(before.path("layers").get(i).path("digest"), layers.get(i).path("digest"),
                    "layer " + i + " is unchanged");
        }
        String scriptLayer = layers.get(layers.size() - 1).path("digest").asText();
        String config = after.at("/config/digest").asText();
        assertEquals(Set.of(scriptLayer, config), Set.copyOf(registry.uploadsSince(mark, repository)),
                "only the script's layer and the image config were uploaded");
    }

    @Test
    void withoutARegistryTheImageGoesIntoTheEngineThatRunsTheJob() throws Exception {
        JobFolder job = TestJobs.javaJob(temp.resolve("job"), base, TestJobs.script("local " + UUID.randomUUID()));
        JibImageBuilder jib = JibImageBuilder.create(Optional.of(Services.engineAddress()), loggedIn(true));
        List<BuildEvent> events = new ArrayList<>();
        ImageRef built = jib.build(job.buildContext(), Optional.empty(), events::add);
        try (DockerEngine engine = Services.engine()) {
            assertEquals(built.digest().orElseThrow(), engine.client().inspectImageCmd(built.reference()).exec().getId());
        }
        assertTrue(events.stream().anyMatch(e -> e instanceof BuildEvent.Done), events.toString());
    }

    @Test
    void aRefusedLoginAndABaseImageThatIsNotThereSayWhatToDo() throws Exception {
        JobFolder job = TestJobs.javaJob(temp.resolve("job"), base, TestJobs.script("x"));
        JibImageBuilder wrongLogin = JibImageBuilder.create(Optional.empty(), loggedIn(false));
        ImageBuildException refused = assertThrows(ImageBuildException.class, () -> wrongLogin.build(job.buildContext(),
                Optional.of(destination("fahr-jib-refused")), BuildListener.IGNORE));
        assertTrue(refused.getMessage().startsWith("base image " + base + " cannot be pulled: its registry "
                + registry.host() + " refused the login"), refused.getMessage());
        assertTrue(refused.getMessage().contains("Log in with docker login " + registry.host()), refused.getMessage());

        JobFolder missing = TestJobs.javaJob(temp.resolve("missing"), registry.host() + "/library/no-such-image:1",
                TestJobs.script("x"));
        JibImageBuilder jib = JibImageBuilder.create(Optional.empty(), loggedIn(true));
        ImageBuildException absent = assertThrows(ImageBuildException.class, () -> jib.build(missing.buildContext(),
                Optional.of(destination("fahr-jib-missing")), BuildListener.IGNORE));
        assertTrue(absent.getMessage().startsWith("base image " + registry.host() + "/library/no-such-image:1 cannot be"
                + " pulled"), absent.getMessage());
    }

    /**
     * fahr's GPU Dockerfile (a JDK copied from its image onto a CUDA base, PATH extended) with the images from
     * the registry: a base without a JDK at /opt/java, with a PATH of its own, as nvidia/cuda is.
     */
    @Test
    void theGpuTemplatesJdkComesFromItsImageAndThePathExtendsTheBases() throws Exception {
        Path context = Files.createDirectories(temp.resolve("cuda-like"));
        Files.writeString(context.resolve("Dockerfile"), "FROM fahr-offline/debian-rootfs:bookworm-jdk17\n"
                + "ENV PATH=/usr/local/cuda/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n");
        try (DockerEngine engine = Services.engine()) {
            engine.client().buildImageCmd(context.toFile()).withTags(Set.of("fahr-test/cuda-like:1"))
                    .exec(new BuildImageResultCallback()).awaitImageId();
        }
        String cuda = registry.push("fahr-test/cuda-like:1", "nvidia/cuda-like:1");
        JobFolder job = TestJobs.javaJob(temp.resolve("gpu"), "default-gpu", TestJobs.script("gpu"));
        Path dockerfile = job.root().resolve("Dockerfile");
        Files.writeString(dockerfile, Files.readString(dockerfile)
                .replace("FROM eclipse-temurin:21-jdk AS jdk", "FROM " + base + " AS jdk")
                .replace("FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04", "FROM " + cuda));
        JibImageBuilder jib = JibImageBuilder.create(Optional.of(Services.engineAddress()), loggedIn(true));
        ImageRef built = jib.build(job.buildContext(), Optional.empty(), BuildListener.IGNORE);
        try (DockerEngine engine = Services.engine()) {
            List<String> env = List.of(engine.client().inspectImageCmd(built.reference()).exec().getConfig().getEnv());
            assertTrue(env.contains("PATH=/opt/java/openjdk/bin:/usr/local/cuda/bin:/usr/local/sbin:/usr/local/bin"
                    + ":/usr/sbin:/usr/bin:/sbin:/bin"), env.toString());
            assertTrue(env.contains("JAVA_HOME=/opt/java/openjdk"), env.toString());
            Containers.Result version = Containers.run(engine.client(), built.reference(),
                    create -> create.withEntrypoint("/opt/java/openjdk/bin/java").withCmd("-version"));
            assertEquals(0, version.exitCode(), version.output());
            assertTrue(version.output().contains("openjdk version"), version.output());
        }
    }
}
