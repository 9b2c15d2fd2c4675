package dev.fahr.driver.local;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;

import dev.fahr.driver.DriverException;
import dev.fahr.internal.docker.DockerEngine;
import dev.fahr.internal.docker.DockerEngineException;

/**
 * One Docker engine, as the local driver talks to it: fahr's one connection ({@link DockerEngine}), the
 * calls the driver makes of it, and its failures as {@link DriverException}s.
 */
final class LocalEngine implements AutoCloseable {

    private final DockerEngine engine;
    private final AtomicInteger listCalls = new AtomicInteger();

    private LocalEngine(DockerEngine engine) {
        this.engine = engine;
    }

    /**
     * @param explicitHost the {@code docker_host} setting, if given
     * @param environment  the process environment, for DOCKER_HOST
     */
    static LocalEngine open(Optional<String> explicitHost, Map<String, String> environment) {
        try {
            return new LocalEngine(DockerEngine.open(explicitHost, environment));
        } catch (DockerEngineException e) {
            throw new DriverException(e.getMessage(), e);
        }
    }

    String host() {
        return engine.host();
    }

    /** For the engine calls below; package-private callers translate their own not-found cases. */
    DockerClient client() {
        return engine.client();
    }

    /** Every container any fahr job made, in one call, whatever its state. */
    List<Container> listJobContainers() {
        listCalls.incrementAndGet();
        return call(() -> client().listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(List.of(ContainerLabels.JOB))
                .exec());
    }

    /** How many times {@link #listJobContainers()} ran: status must not cost one call per job. */
    int listCalls() {
        return listCalls.get();
    }

    /** The container named after the job, if the engine has one. */
    Optional<InspectContainerResponse> inspect(String containerName) {
        try {
            return Optional.of(call(() -> client().inspectContainerCmd(containerName).exec()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Runs an engine call, turning "cannot connect" into the one line that says what to do. */
    <T> T call(Supplier<T> engineCall) {
        try {
            return engine.call(engineCall);
        } catch (DockerEngineException e) {
            throw new DriverException(e.getMessage(), e.getCause());
        }
    }

    void run(Runnable engineCall) {
        call(() -> {
            engineCall.run();
            return null;
        });
    }

    @Override
    public void close() {
        engine.close();
    }
}
