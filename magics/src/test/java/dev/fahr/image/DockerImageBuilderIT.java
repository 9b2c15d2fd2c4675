package dev.fahr.image;

import dev.fahr.testing.Containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real builds in the engine DOCKER_HOST names, from the offline stand-in base images. */
class DockerImageBuilderIT {

    private static DockerImageBuilder builder;
    private static DockerClient docker;
    private static final List<String> TAGS = new ArrayList<>();

    @TempDir
    Path temp;

    @BeforeAll
    static void connect() {
        builder = TestEngine.builder();
        docker = TestEngine.client();
    }

    @AfterAll
    static void removeImages() throws IOException {
        if (docker != null) {
            for (String tag : TAGS) {
                try {
                    docker.removeImageCmd(tag).withForce(true).exec();
                } catch (NotFoundException alreadyGone) {
                    // Fine.
                }
            }
            docker.close();
        }
        if (builder != null) {
            builder.close();
        }
    }

    private static BuiltImage build(JobFolder job, List<BuildEvent> events) {
        BuiltImage image = builder.build(job.buildContext(), events::add);
        TAGS.add(image.tag().reference());
        return image;
    }

    @Test
    void buildsAJavaJobWhoseContainerRunsTheRunner() throws Exception {
        JobFolder job = TestJobs.javaJob(temp.resolve("hello"), "default-cpu", TestJobs.script("hello"));
        List<BuildEvent> events = new ArrayList<>();
        BuiltImage image = build(job, events);

        assertFalse(image.reused());
        assertTrue(image.tag().reference().matches("fahr-hello:[0-9a-f]{12}"), image.tag().reference());
        BuildEvent.Step first = (BuildEvent.Step) events.get(0);
        assertEquals(1, first.number());
        assertEquals("FROM eclipse-temurin:21-jdk", first.instruction());
        assertEquals(new BuildEvent.Done(image.tag(), image.imageId(), false), events.get(events.size() - 1));

        Containers.Result run = run(image.tag().reference(), "train");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("hello from local"), run.output());

        Containers.Result wrongCommand = run(image.tag().reference(), "serve");
        assertEquals(2, wrongCommand.exitCode(), wrongCommand.output());
        assertTrue(wrongCommand.output().contains("usage: run.sh train"), wrongCommand.output());
    }

    @Test
    void anUnchangedContextSkipsTheBuildAndAScriptChangeRebuildsOnlyTheLastLayer() throws Exception {
        JobFolder job = TestJobs.javaJob(temp.resolve("layers"), "default-cpu", TestJobs.script("one"));
        TestJobs.write(job.root().resolve("lib/dependency.jar"), "not really a jar, but a layer of its own");
        BuiltImage first = build(job, new ArrayList<>());

        List<BuildEvent> again = new ArrayList<>();
        BuiltImage second = build(job, again);
        assertTrue(second.reused());
        assertEquals(first.imageId(), second.imageId());
        assertEquals(List.of(new BuildEvent.Done(first.tag(), first.imageId(), true)), again);

        job.writeExport(java.util.Map.of(TestJobs.SCRIPT, TestJobs.script("two")), java.util.Optional.empty());
        List<BuildEvent> events = new ArrayList<>();
        BuiltImage changed = build(job, events);
        assertNotEquals(first.tag(), changed.tag());
        List<String> before = layers(first.tag().reference());
        List<String> after = layers(changed.tag().reference());
        assertEquals(before.size(), after.size());
        assertEquals(before.subList(0, before.size() - 1), after.subList(0, after.size() - 1),
                "every layer but the script's is reused");
        assertNotEquals(before.get(before.size() - 1), after.get(after.size() - 1));
        long steps = events.stream().filter(e -> e instanceof BuildEvent.Step).count();
        long cached = events.stream().filter(e -> e instanceof BuildEvent.UsingCache).count();
        // FROM needs no cache; the script COPY and the ENTRYPOINT after it are new.
        assertEquals(steps - 3, cached, events.toString());
    }

    @Test
    void noCredentialIsInAnyLayerOfTheImage() throws Exception {
        JobFolder job = TestJobs.javaJob(temp.resolve("secrets"), "default-cpu", TestJobs.script("hi"));
        TestJobs.plantCredentials(job.root());
        BuiltImage image = build(job, new ArrayList<>());
        Map<String, byte[]> saved;
        try (InputStream in = docker.saveImageCmd(image.tag().reference()).exec()) {
            saved = TarEntries.read(in);
        }
        List<String> layerTars = saved.keySet().stream().filter(name -> name.endsWith("layer.tar")).toList();
        assertFalse(layerTars.isEmpty(), saved.keySet().toString());
        List<String> everyPath = new ArrayList<>();
        for (String layer : layerTars) {
            byte[] tar = saved.get(layer);
            everyPath.addAll(TarEntries.read(tar).keySet());
            assertFalse(new String(tar, StandardCharsets.ISO_8859_1).contains(TestJobs.SECRET), layer);
        }
        assertTrue(everyPath.contains("opt/fahr/job/hello.jsh"), "the layers were really read");
        for (String path : everyPath) {
            // The base image has its own .pem certificates; fahr's files are all under /opt/fahr.
            assertFalse(path.matches("opt/fahr/.*(\\.aws|\\.git|\\.docker|\\.m2|settings\\.xml|\\.netrc|\\.pem|id_rsa"
                    + "|\\.env|\\.key).*"), path);
        }
    }

    @Test
    void aFailingStepNamesTheStepAndShowsItsOutput() throws IOException {
        JobFolder job = TestJobs.javaJob(temp.resolve("failing"), "default-cpu", TestJobs.script("hi"));
        TestJobs.write(job.dockerfile(), "FROM fahr-test/busybox:latest\nCOPY run.sh /opt/fahr/run.sh\n"
                + "RUN echo preparing the data && echo 'cannot find train.csv' >&2 && exit 3\n");
        ImageBuildException e = assertThrows(ImageBuildException.class, () -> build(job, new ArrayList<>()));
        assertTrue(e.getMessage().startsWith("step 3/3 of the Dockerfile failed: RUN echo preparing the data"),
                e.getMessage());
        assertTrue(e.getMessage().contains("returned a non-zero code: 3"), e.getMessage());
        // stdout and stderr arrive in either order.
        assertTrue(e.getMessage().contains("\n  preparing the data") && e.getMessage().contains("\n  cannot find train.csv"),
                e.getMessage());
    }

    @Test
    void aMissingBaseImageIsNamedWithWhatToDo() throws IOException {
        JobFolder job = TestJobs.javaJob(temp.resolve("nobase"), "fahr-test/no-such-base:1.0", TestJobs.script("hi"));
        ImageBuildException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(ImageBuildException.class, () -> build(job, new ArrayList<>())));
        assertTrue(e.getMessage().startsWith("base image fahr-test/no-such-base:1.0 is not in the Docker engine at "),
                e.getMessage());
        assertTrue(e.getMessage().contains("cannot be pulled") && e.getMessage().contains("docker load")
                && e.getMessage().contains("tag it fahr-test/no-such-base:1.0"), e.getMessage());
    }

    @Test
    void anUnreachableEngineFailsQuicklyWithAClearMessage() throws IOException {
        JobFolder job = TestJobs.javaJob(temp.resolve("dead"), "default-cpu", TestJobs.script("hi"));
        String deadSocket = "unix://" + temp.resolve("dead.sock");
        ImageBuildException e = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
            try (DockerImageBuilder dead = DockerImageBuilder.connect(java.util.Optional.of(deadSocket), java.util.Map.of())) {
                return assertThrows(ImageBuildException.class,
                        () -> dead.build(job.buildContext(), BuildListener.IGNORE));
            }
        });
        assertTrue(e.getMessage().startsWith("cannot reach the Docker engine at " + deadSocket
                + ": start it, or set DOCKER_HOST"), e.getMessage());
    }

    private static List<String> layers(String reference) {
        return docker.inspectImageCmd(reference).exec().getRootFS().getLayers();
    }

    private static Containers.Result run(String image, String... command) throws InterruptedException {
        return Containers.run(docker, image, create -> create.withCmd(command));
    }
}
