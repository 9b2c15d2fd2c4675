package dev.fahr.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import dev.fahr.image.BuildContext;
import dev.fahr.image.BuildListener;
import dev.fahr.image.DockerImageBuilder;
import dev.fahr.image.ImageBuilder;
import dev.fahr.image.JobFolder;
import dev.fahr.image.jib.JibImageBuilder;
import dev.fahr.internal.docker.DockerEngine;
import dev.fahr.job.ImageDestination;
import dev.fahr.job.ImageRef;
import dev.fahr.testing.Services;
import dev.fahr.testing.TestRegistry;
import dev.fahr.workflow.DriverRegistry;
import dev.fahr.workflow.InitRequest;
import dev.fahr.workflow.InitResult;
import dev.fahr.workflow.InitWorkflow;

/**
 * Benchmark (a test-scoped main, run by bench/image-push.sh under scripts/with-services.sh; not a test): the
 * quickstart notebook's image, built and pushed to the services' registry by Jib and by the Docker engine
 * (build, then push), in the same run, alternating: a re-fit after one cell changed, until the image is
 * pushed, with the bytes uploaded (blobs the registry's log shows, sized from the manifest) beside the
 * changed layer's size; and a cold build and push (fahr's images and Jib's layer cache gone, a new
 * repository, the base image's layers already in the registry and the engine).
 *
 * <p>Arguments: [ROUNDS (7)] [WARMUP (2)] [COLD (3)].
 */
public final class ImagePushBenchmark {

    private ImagePushBenchmark() {
    }

    private record Push(ImageRef image, double millis, long uploaded, long changedLayer, int blobs) {
    }

    private static final class Way {
        final String name;
        final Supplier<ImageBuilder> builder;
        final String repository;
        final List<Push> refits = new ArrayList<>();
        final List<Push> colds = new ArrayList<>();

        Way(String name, Supplier<ImageBuilder> builder, String repository) {
            this.name = name;
            this.builder = builder;
            this.repository = repository;
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int cold = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        TestRegistry registry = TestRegistry.require();
        String base = registry.push("eclipse-temurin:21-jdk", "library/eclipse-temurin:21-jdk");
        Path work = Files.createTempDirectory("fahr-bench-push-");
        Path home = Files.createDirectories(work.resolve("home"));
        registry.dockerLogin(home, true);
        Map<String, String> env = Map.of("HOME", home.toString(), "DOCKER_HOST", Services.engineAddress());
        Path notebook = work.resolve("quickstart.ipynb");
        Files.copy(Path.of(System.getProperty("fahr.repo", ".")).resolve("notebooks/quickstart.ipynb"), notebook);
        InitResult init = new InitWorkflow(DriverRegistry.discover(), work, env, Optional.empty(), Optional.empty())
                .run(new InitRequest(Optional.of(notebook), false, Optional.of(work.resolve("job")), Optional.of("local"),
                        Optional.of(base), Optional.empty(), Optional.empty(), false, Map.of()));
        JobFolder job = JobFolder.at(init.jobFolder());
        Path script = init.jobFolder().resolve(init.scriptFileName());

        String run = UUID.randomUUID().toString().substring(0, 6);
        Way docker = new Way("docker build + push", () -> DockerImageBuilder.connect(Optional.empty(), env),
                "fahr-bench-docker-" + run);
        Way jib = new Way("jib build + push", () -> JibImageBuilder.create(Optional.empty(), env), "fahr-bench-jib-" + run);
        List<Way> ways = List.of(docker, jib);
        for (Way way : ways) {
            push(way, job, registry, way.repository); // the first push of each: layers in place
        }
        for (int round = 0; round < warmup + rounds; round++) {
            for (Way way : ways) {
                // One cell changed: the script's last cell gets a new comment line.
                Files.writeString(script, Files.readString(script) + "// round " + way.name.charAt(0) + round + "\n");
                Push push = push(way, job, registry, way.repository);
                if (round >= warmup) {
                    way.refits.add(push);
                }
            }
        }
        for (int i = 0; i < cold; i++) {
            for (Way way : ways) {
                String fresh = way.repository + "-cold-" + i;
                if (way == docker) {
                    removeFahrImages(job.buildContext());
                } else {
                    deleteTree(home.resolve(".cache/fahr/jib/layers"));
                }
                way.colds.add(push(way, job, registry, fresh));
            }
        }

        System.out.printf("the quickstart image (%s), pushed to the services' registry over loopback; median of %d"
                + " re-fits after %d warm-up and of %d cold builds, alternating%n", init.scriptFileName(), rounds, warmup,
                cold);
        System.out.printf("%-22s %-14s %-32s %-14s%n", "", "re-fit, ms", "re-fit uploaded / changed layer", "cold, ms");
        for (Way way : ways) {
            Push median = median(way.refits);
            System.out.printf("%-22s %-14.0f %-32s %-14.0f%n", way.name, median.millis(),
                    String.format("%d B in %d blobs / %d B = %.2fx", median.uploaded(), median.blobs(),
                            median.changedLayer(), (double) median.uploaded() / median.changedLayer()),
                    median(way.colds).millis());
        }
        System.out.printf("jib / docker re-fit: %.2fx%n", median(jib.refits).millis() / median(docker.refits).millis());
    }

    private static Push push(Way way, JobFolder job, TestRegistry registry, String repository) throws Exception {
        BuildContext context = job.buildContext();
        ImageDestination destination = new ImageDestination(registry.host() + "/" + repository, Optional.of(
                new dev.fahr.job.RegistryLogin(registry.host(), registry.auth().getUsername(), registry.auth().getPassword())));
        long mark = registry.mark();
        long start = System.nanoTime();
        ImageRef image;
        try (ImageBuilder builder = way.builder.get()) {
            image = builder.build(context, Optional.of(destination), BuildListener.IGNORE);
        }
        double millis = (System.nanoTime() - start) / 1e6;
        JsonNode manifest = registry.manifest(repository, image.digest().orElseThrow());
        List<String> uploads = registry.uploadsSince(mark, repository);
        long uploaded = 0;
        for (JsonNode blob : blobs(manifest)) {
            if (uploads.contains(blob.path("digest").asText())) {
                uploaded += blob.path("size").asLong();
            }
        }
        JsonNode layers = manifest.path("layers");
        long changed = layers.get(layers.size() - 1).path("size").asLong();
        return new Push(image, millis, uploaded, changed, uploads.size());
    }

    private static List<JsonNode> blobs(JsonNode manifest) {
        List<JsonNode> blobs = new ArrayList<>();
        manifest.path("layers").forEach(blobs::add);
        blobs.add(manifest.path("config"));
        return blobs;
    }

    private static Push median(List<Push> pushes) {
        List<Push> sorted = pushes.stream().sorted((a, b) -> Double.compare(a.millis(), b.millis())).toList();
        return sorted.get(sorted.size() / 2);
    }

    /** The engine's images of this job (any tag), so that the next Docker build starts from the base alone. */
    private static void removeFahrImages(BuildContext context) {
        try (DockerEngine engine = Services.engine()) {
            String name = "fahr-" + context.folderName();
            engine.client().listImagesCmd().exec().forEach(image -> {
                if (image.getRepoTags() != null && java.util.Arrays.stream(image.getRepoTags())
                        .anyMatch(tag -> tag.startsWith(name + ":") || tag.contains("/fahr-bench-docker"))) {
                    engine.client().removeImageCmd(image.getId()).withForce(true).exec();
                }
            });
        }
    }

    private static void deleteTree(Path folder) throws Exception {
        if (Files.exists(folder)) {
            try (var files = Files.walk(folder)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
