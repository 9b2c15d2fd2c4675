package dev.fahr.driver.local;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import dev.fahr.driver.DriverException;

/**
 * One Docker engine, as the local driver talks to it: a docker-java client, the address it was opened
 * with (for messages), and the translation of "the engine is not there" into one actionable line.
 */
final class LocalEngine implements AutoCloseable {

    private static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
    // Short, so that a wrong address fails in seconds; log streams and stops have no overall limit.
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final DockerClient client;
    private final String host;
    private final AtomicInteger listCalls = new AtomicInteger();

    private LocalEngine(DockerClient client, String host) {
        this.client = client;
        this.host = host;
    }

    /**
     * @param explicitHost the {@code docker_host} setting, if given
     * @param environment  the process environment, for DOCKER_HOST
     */
    static LocalEngine open(Optional<String> explicitHost, Map<String, String> environment) {
        String host = explicitHost.orElseGet(() -> Optional.ofNullable(environment.get("DOCKER_HOST"))
                .filter(value -> !value.isBlank()).orElse(DEFAULT_HOST));
        DockerClientConfig config;
        try {
            config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
        } catch (RuntimeException e) {
            throw new DriverException("cannot use the Docker engine address '" + host + "': " + e.getMessage()
                    + "; set DOCKER_HOST (or --config.docker_host) to unix:///path/to/docker.sock or tcp://host:port", e);
        }
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(CONNECT_TIMEOUT)
                .build();
        return new LocalEngine(DockerClientImpl.getInstance(config, http), host);
    }

    String host() {
        return host;
    }

    /** For the engine calls below; package-private callers translate their own not-found cases. */
    DockerClient client() {
        return client;
    }

    /** Every container any fahr job made, in one call, whatever its state. */
    List<Container> listJobContainers() {
        listCalls.incrementAndGet();
        return call(() -> client.listContainersCmd()
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
            return Optional.of(call(() -> client.inspectContainerCmd(containerName).exec()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Runs an engine call, turning "cannot connect" into the one line that says what to do. */
    <T> T call(Supplier<T> engineCall) {
        try {
            return engineCall.get();
        } catch (RuntimeException e) {
            if (isUnreachable(e)) {
                throw unreachable(e);
            }
            throw e;
        }
    }

    void run(Runnable engineCall) {
        call(() -> {
            engineCall.run();
            return null;
        });
    }

    DriverException unreachable(Throwable cause) {
        return new DriverException("cannot reach the Docker engine at " + host + ": start it, or set DOCKER_HOST"
                + " (or --config.docker_host) to its address", cause);
    }

    // docker-java wraps the transport's IOException (connection refused, no such socket) in a RuntimeException.
    static boolean isUnreachable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // Closing an idle connection pool: nothing to report.
        }
    }
}
