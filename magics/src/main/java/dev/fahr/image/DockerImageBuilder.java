package dev.fahr.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;

import dev.fahr.files.FileTree;
import dev.fahr.internal.docker.DockerEngine;
import dev.fahr.job.ImageDestination;
import dev.fahr.job.ImageRef;
import dev.fahr.internal.docker.DockerEngineException;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds job images in a Docker engine (the driver's docker_host, DOCKER_HOST, or the default socket). An image whose tag
 * (see {@link ImageTag}) already exists is not built again. Builds use locally present base images
 * without pulling them and keep the engine's layer cache, so a code change rebuilds only the last
 * layer. Every failure is one {@link ImageBuildException} with a message that says what to do.
 */
public final class DockerImageBuilder implements ImageBuilder {

    private final DockerEngine engine;
    private final DockerClient client;
    private final String host;

    private DockerImageBuilder(DockerEngine engine) {
        this.engine = engine;
        this.client = engine.client();
        this.host = engine.host();
    }

    /**
     * @param dockerHost  the driver's {@code docker_host} setting, if any, such as {@code tcp://127.0.0.1:2375}
     * @param environment the process environment: {@code DOCKER_HOST}, else the platform's default socket
     */
    public static DockerImageBuilder connect(Optional<String> dockerHost, Map<String, String> environment) {
        try {
            return new DockerImageBuilder(DockerEngine.open(dockerHost, environment));
        } catch (DockerEngineException e) {
            throw new ImageBuildException(e.getMessage(), e);
        }
    }

    /** The engine's address. */
    public String dockerHost() {
        return host;
    }

    /** @throws ImageBuildException when the engine does not answer */
    public void checkReachable() {
        try {
            engine.ping();
        } catch (DockerEngineException e) {
            throw new ImageBuildException(e.getMessage() + " (" + rootMessage(e) + ")", e);
        } catch (RuntimeException e) {
            throw new ImageBuildException(engine.unreachable(e).getMessage() + " (" + rootMessage(e) + ")", e);
        }
    }

    /** The id of the image with this tag, if the engine has it. */
    public Optional<String> imageId(ImageTag tag) {
        return imageId(tag.reference());
    }

    /** Builds in the engine, then pushes to the destination if there is one. */
    @Override
    public ImageRef build(BuildContext context, Optional<ImageDestination> destination, BuildListener listener) {
        BuiltImage built = build(context, listener);
        if (destination.isEmpty()) {
            return ImageRef.of(built.tag().reference()).withDigest(built.imageId());
        }
        return push(built.tag(), destination.get(), listener);
    }

    /** Pushes an image of this engine to a destination and returns it pinned to the registry's digest. */
    public ImageRef push(ImageTag local, ImageDestination destination, BuildListener listener) {
        return new ImagePusher(engine).push(local, destination, listener);
    }

    @Override
    public String name() {
        return "docker";
    }

    /** Builds the context under {@link ImageTag#of(BuildContext)}. */
    public BuiltImage build(BuildContext context, BuildListener listener) {
        return build(context, ImageTag.of(context), listener);
    }

    public BuiltImage build(BuildContext context, ImageTag tag, BuildListener listener) {
        checkReachable();
        Optional<String> existing = imageId(tag);
        if (existing.isPresent()) {
            listener.onEvent(new BuildEvent.Done(tag, existing.get(), true));
            return new BuiltImage(tag, existing.get(), true);
        }
        BuildOutputTranslator output = runBuild(context, tag, listener);
        if (output.error().isPresent()) {
            throw failure(context, output);
        }
        String id = imageId(tag).orElseThrow(() -> new ImageBuildException("the Docker engine at " + host
                + " reported success but has no image " + tag + "; build output ended with: "
                + output.currentStepOutput()));
        listener.onEvent(new BuildEvent.Done(tag, id, false));
        return new BuiltImage(tag, id, false);
    }

    private BuildOutputTranslator runBuild(BuildContext context, ImageTag tag, BuildListener listener) {
        BuildOutputTranslator output = new BuildOutputTranslator(listener);
        Path tar = null;
        try {
            // A file rather than memory: dependency jars can make the context large.
            tar = Files.createTempFile("fahr-context-", ".tar");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tar))) {
                context.writeTar(out);
            }
            try (InputStream in = new BufferedInputStream(Files.newInputStream(tar))) {
                client.buildImageCmd(in)
                        .withTags(Set.of(tag.reference()))
                        .withPull(false)
                        .withNoCache(false)
                        .withRemove(true)
                        .withForcerm(true)
                        .exec(output)
                        .awaitCompletion();
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(output); // hanging up tells the engine to cancel the build
            throw new ImageBuildException("the build of " + tag + " was interrupted; nothing was launched", e);
        } catch (IOException e) {
            throw new ImageBuildException("cannot write the build context of " + tag + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (output.error().isPresent()) {
                return output;
            }
            if (DockerEngine.isUnreachable(e)) {
                throw new ImageBuildException(engine.lost("the build of " + tag, e).getMessage(), e);
            }
            throw new ImageBuildException("the build of " + tag + " failed: " + rootMessage(e), e);
        } finally {
            FileTree.deleteQuietly(tar);
        }
    }

    private ImageBuildException failure(BuildContext context, BuildOutputTranslator output) {
        String error = output.error().orElse("unknown error");
        Optional<BuildEvent.Step> step = output.currentStep();
        if (step.isEmpty()) {
            return new ImageBuildException("the Docker engine refused the Dockerfile of " + context.folderName()
                    + ": " + error);
        }
        BuildEvent.Step failed = step.get();
        if (failed.instruction().regionMatches(true, 0, "FROM", 0, 4)) {
            List<String> missing = context.baseImages().stream().filter(image -> imageId(image).isEmpty()).toList();
            if (!missing.isEmpty()) {
                return new ImageBuildException(missingBaseImageMessage(missing, error));
            }
        }
        StringBuilder message = new StringBuilder("step ").append(failed.number()).append('/').append(failed.total())
                .append(" of the Dockerfile failed: ").append(failed.instruction()).append('\n').append(error);
        List<String> lines = output.currentStepOutput();
        if (!lines.isEmpty()) {
            message.append("\nlast output of that step:\n")
                    .append(lines.stream().map(line -> "  " + line).collect(Collectors.joining("\n")));
        }
        if (!context.excludedSecrets().isEmpty() && failed.instruction().matches("(?i)(COPY|ADD)\\s.*")) {
            message.append("\nnote: fahr never puts credential files into a build context; left out: ")
                    .append(String.join(", ", context.excludedSecrets()));
        }
        return new ImageBuildException(message.toString());
    }

    private String missingBaseImageMessage(List<String> missing, String engineError) {
        String names = String.join(", ", missing);
        return "base image " + names + (missing.size() == 1 ? " is" : " are") + " not in the Docker engine at " + host
                + " and cannot be pulled (" + engineError + "). Pull it where a registry is reachable"
                + " (docker pull " + missing.get(0) + "), load it with docker load, or build an image locally and"
                + " tag it " + missing.get(0) + " (scripts/base-images.sh does this for fahr's default images)";
    }

    private Optional<String> imageId(String reference) {
        try {
            return Optional.ofNullable(client.inspectImageCmd(reference).exec().getId());
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            checkReachable();
            throw new ImageBuildException("cannot inspect image " + reference + " in the Docker engine at " + host
                    + ": " + rootMessage(e), e);
        }
    }

    private static void closeQuietly(java.io.Closeable callback) {
        try {
            callback.close();
        } catch (java.io.IOException | RuntimeException e) {
            // Already closed, or the engine is gone: the build stops either way.
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    @Override
    public void close() {
        engine.close();
    }
}
