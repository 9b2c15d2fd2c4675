package dev.fahr.workflow;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.fahr.image.BuildEvent;
import dev.fahr.image.BuildListener;
import dev.fahr.image.DockerImageBuilder;
import dev.fahr.image.ImageBuildException;
import dev.fahr.image.ImageBuilder;
import dev.fahr.image.jib.JibImageBuilder;

/**
 * Which builder makes a fit's image ({@code --builder}): {@code docker}, the Docker engine; {@code jib}, Jib,
 * which needs no engine; {@code auto} (the default), the engine when one answers, else Jib when the jobs run
 * remotely and pull from a registry, else one line naming both ways out (the local driver runs jobs on an
 * engine).
 */
public final class ImageBuilders {

    public static final String AUTO = "auto";
    public static final String DOCKER = "docker";
    public static final String JIB = "jib";
    private static final List<String> CHOICES = List.of(AUTO, DOCKER, JIB);

    private final Map<String, String> environment;

    public ImageBuilders(Map<String, String> environment) {
        this.environment = environment;
    }

    /** @throws UsageError for anything but auto, docker or jib */
    public static String check(String builder) {
        String value = builder.strip().toLowerCase(Locale.ROOT);
        if (!CHOICES.contains(value)) {
            throw new UsageError("--builder takes auto, docker or jib, not '" + builder + "'");
        }
        return value;
    }

    /**
     * @param dockerHost the driver's {@code docker_host}, if set
     * @param remote     whether the driver's jobs pull from a registry (Jib can then build with no engine)
     * @param listener   hears, as a {@link BuildEvent.Note}, when fahr chose Jib because no engine answered
     */
    public ImageBuilder open(String builder, Optional<String> dockerHost, boolean remote, BuildListener listener) {
        switch (check(builder)) {
            case DOCKER:
                return DockerImageBuilder.connect(dockerHost, environment);
            case JIB:
                return JibImageBuilder.create(dockerHost, environment);
            default:
                break;
        }
        DockerImageBuilder docker = DockerImageBuilder.connect(dockerHost, environment);
        try {
            docker.checkReachable();
            return docker;
        } catch (ImageBuildException unreachable) {
            docker.close();
            if (!remote) {
                throw new ImageBuildException("the local driver runs jobs on a Docker engine, and none answers at "
                        + docker.dockerHost() + ": start one (or point DOCKER_HOST or --config.docker_host at one), or"
                        + " train where fahr needs no engine: --train-driver=sagemaker", unreachable);
            }
            listener.onEvent(new BuildEvent.Note("no Docker engine answers at " + docker.dockerHost()
                    + ": building with Jib, which needs none (--builder=docker to insist on an engine)"));
            return JibImageBuilder.create(dockerHost, environment);
        }
    }
}
