package dev.fahr.image.jib;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.DockerDaemonImage;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.Port;
import com.google.cloud.tools.jib.event.events.ProgressEvent;

import dev.fahr.image.BuildContext;
import dev.fahr.image.BuildEvent;
import dev.fahr.image.BuildListener;
import dev.fahr.image.CopySources;
import dev.fahr.image.ImageBuildException;
import dev.fahr.image.ImageBuilder;
import dev.fahr.image.ImagePlan;
import dev.fahr.image.ImageTag;
import dev.fahr.internal.docker.DockerEngine;
import dev.fahr.internal.docker.DockerEngineException;
import dev.fahr.job.ImageDestination;
import dev.fahr.job.ImageRef;

/**
 * Builds a job's image with Jib, which needs no Docker engine: from the job's Dockerfile (as far as
 * {@link ImagePlan} can follow it), one layer per COPY, pushed straight to the driver's registry, or
 * streamed into the Docker engine that runs the job when there is no registry. The same inputs give the
 * same digest (fixed times, sorted entries), so an unchanged notebook sends no layer again.
 */
public final class JibImageBuilder implements ImageBuilder {

    private final Optional<String> dockerHost;
    private final Map<String, String> environment;
    private final Path cache;

    private JibImageBuilder(Optional<String> dockerHost, Map<String, String> environment, Path cache) {
        this.dockerHost = dockerHost;
        this.environment = Map.copyOf(environment);
        this.cache = cache;
    }

    /**
     * @param dockerHost  the engine a job without a registry runs on (the local driver's {@code docker_host})
     * @param environment the user's environment: registry logins come from Docker's config there
     *                    ({@code DOCKER_CONFIG}, else {@code ~/.docker}) and its credential helpers; layers are
     *                    cached under {@code XDG_CACHE_HOME} (else {@code ~/.cache}) {@code /fahr/jib}
     */
    public static JibImageBuilder create(Optional<String> dockerHost, Map<String, String> environment) {
        return new JibImageBuilder(dockerHost, environment, JibCache.folder(environment));
    }

    @Override
    public String name() {
        return "jib";
    }

    @Override
    public ImageRef build(BuildContext context, Optional<ImageDestination> destination, BuildListener listener) {
        ImagePlan plan = ImagePlan.of(context.dockerfile());
        ImageTag tag = ImageTag.of(context);
        RegistryLogins logins = new RegistryLogins(environment);
        JibEvents events = new JibEvents(listener);
        try {
            JibContainerBuilder container = Jib.from(logins.image(plan.base(), Optional.empty()));
            addSteps(container, plan, context, logins);
            plan.workingDir().ifPresent(dir -> container.setWorkingDirectory(AbsoluteUnixPath.get(dir)));
            plan.entrypoint().ifPresent(container::setEntrypoint);
            plan.command().ifPresent(container::setProgramArguments);
            plan.user().ifPresent(container::setUser);
            container.setLabels(plan.labels());
            plan.ports().forEach(port -> container.addExposedPort(port(port)));
            plan.volumes().forEach(volume -> container.addVolume(AbsoluteUnixPath.get(volume)));
            container.setCreationTime(Instant.EPOCH);
            boolean insecure = Registries.isLoopback(logins.registryOf(plan.base()))
                    || destination.map(d -> Registries.isLoopback(d.registry())).orElse(false);
            if (destination.isPresent()) {
                ImageDestination target = destination.get();
                String reference = target.repository() + ":" + tag.tag();
                JibContainer built = container.containerize(configure(Containerizer.to(
                        logins.image(reference, target.login())), events, insecure));
                String digest = built.getDigest().toString();
                listener.onEvent(new BuildEvent.Pushed(reference, digest));
                return ImageRef.of(reference).withDigest(digest);
            }
            try (DockerEngine engine = DockerEngine.open(dockerHost, environment)) {
                JibContainer built = container.containerize(configure(Containerizer.to(new EngineDockerClient(engine),
                        DockerDaemonImage.named(tag.reference())), events, insecure));
                String imageId = built.getImageId().toString();
                listener.onEvent(new BuildEvent.Done(tag, imageId, false));
                return ImageRef.of(tag.reference()).withDigest(imageId);
            } catch (DockerEngineException e) {
                throw new ImageBuildException(e.getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageBuildException("the build of " + tag + " was interrupted", e);
        } catch (ExecutionException | RegistryException | IOException | CacheDirectoryCreationException
                 | InvalidImageReferenceException | RuntimeException e) {
            if (e instanceof ImageBuildException known) {
                throw known;
            }
            throw JibFailures.describe(e, plan.base(), destination, cache);
        }
    }

    private Containerizer configure(Containerizer containerizer, JibEvents events, boolean insecure) {
        // The image's history names fahr (and its version, where the jar says it), not Jib's.
        String version = JibImageBuilder.class.getPackage().getImplementationVersion();
        return containerizer.setToolName("fahr").setToolVersion(version == null ? "dev" : version)
                .setAllowInsecureRegistries(insecure)
                .setBaseImageLayersCache(cache.resolve("base"))
                .setApplicationLayersCache(cache.resolve("layers"))
                .addEventHandler(LogEvent.class, events::log)
                .addEventHandler(ProgressEvent.class, events::progress);
    }

    /** One layer per COPY, named after what it copies; environment variables in order, expanded. */
    private void addSteps(JibContainerBuilder container, ImagePlan plan, BuildContext context, RegistryLogins logins) {
        CopySources sources = new CopySources(context, cache.resolve("files"));
        Map<String, String> env = new LinkedHashMap<>();
        EnvExpansion expansion = new EnvExpansion(() -> new BaseImageEnvironment(logins).of(plan.base()));
        for (ImagePlan.Step step : plan.steps()) {
            if (step instanceof ImagePlan.Env e) {
                env.put(e.name(), expansion.expand(e, env));
            } else if (step instanceof ImagePlan.Copy copy) {
                container.addFileEntriesLayer(layer(copy, sources, logins));
            }
        }
        container.setEnvironment(env);
    }

    private FileEntriesLayer layer(ImagePlan.Copy copy, CopySources sources, RegistryLogins logins) {
        if (copy.fromImage().isPresent()) {
            return new ImageFiles(logins, cache.resolve("images")).layer(copy);
        }
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(layerName(copy));
        for (CopySources.Placed placed : sources.place(copy)) {
            layer.addEntry(placed.source(), AbsoluteUnixPath.get(placed.target()), FilePermissions.fromOctalString(String.format("%03o", placed.mode() & 0777)),
                    FileEntriesLayer.DEFAULT_MODIFICATION_TIME);
        }
        return layer.build();
    }

    private static String layerName(ImagePlan.Copy copy) {
        String first = copy.sources().get(0);
        String name = first.replaceAll("/+$", "");
        name = name.substring(name.lastIndexOf('/') + 1);
        return (name.isEmpty() ? "context" : name) + (copy.sources().size() > 1 ? " and more" : "");
    }

    private static Port port(String port) {
        String[] parts = port.split("/");
        int number = Integer.parseInt(parts[0]);
        return parts.length > 1 && parts[1].equalsIgnoreCase("udp") ? Port.udp(number) : Port.tcp(number);
    }

    @Override
    public void close() {
        // Nothing is held between builds: Jib opens its connections per build.
    }
}
