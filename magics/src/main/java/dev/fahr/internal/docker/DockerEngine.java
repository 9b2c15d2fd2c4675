package dev.fahr.internal.docker;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

/**
 * A docker-java client for one engine, with the address it was opened with (for messages) and the one
 * translation of "the engine is not there" into a line that says what to do.
 *
 * <p>Which engine: a driver's {@code docker_host} setting if given, else {@code DOCKER_HOST}, else the
 * platform's default socket. The image of a job is built where the job's driver runs or pushes it, so a
 * fit never builds on one engine and runs on another.
 */
public final class DockerEngine implements AutoCloseable {

    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
    // Short, so that a wrong address fails in seconds; builds, pushes and log streams have no overall limit.
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final String HOW_TO_SET = "set DOCKER_HOST (or --config.docker_host) to its address, "
            + "e.g. unix:///var/run/docker.sock or tcp://host:2375";

    private final DockerClient client;
    private final String host;

    private DockerEngine(DockerClient client, String host) {
        this.client = client;
        this.host = host;
    }

    /**
     * Opens a client; nothing is sent yet.
     *
     * @param setting     the driver's {@code docker_host} setting, if given
     * @param environment the process environment, for {@code DOCKER_HOST}
     * @throws DockerEngineException for an address docker-java cannot use
     */
    public static DockerEngine open(Optional<String> setting, Map<String, String> environment) {
        String host = address(setting, environment);
        DockerClientConfig config;
        try {
            config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
        } catch (RuntimeException e) {
            throw new DockerEngineException("cannot use the Docker engine address '" + host + "': " + e.getMessage()
                    + "; " + HOW_TO_SET, e);
        }
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(CONNECT_TIMEOUT)
                .build();
        return new DockerEngine(DockerClientImpl.getInstance(config, http), host);
    }

    /** The address {@link #open} uses: the setting, else {@code DOCKER_HOST}, else the default socket. */
    public static String address(Optional<String> setting, Map<String, String> environment) {
        return setting.filter(value -> !value.isBlank())
                .or(() -> Optional.ofNullable(environment.get("DOCKER_HOST")).filter(value -> !value.isBlank()))
                .orElse(DEFAULT_HOST);
    }

    public DockerClient client() {
        return client;
    }

    /** The engine's address, e.g. {@code unix:///var/run/docker.sock}. */
    public String host() {
        return host;
    }

    /** @throws DockerEngineException when the engine does not answer */
    public void ping() {
        call(() -> client.pingCmd().exec());
    }

    /** Runs an engine call, turning "cannot connect" into the one line that says what to do. */
    public <T> T call(Supplier<T> engineCall) {
        try {
            return engineCall.get();
        } catch (RuntimeException e) {
            if (isUnreachable(e)) {
                throw unreachable(e);
            }
            throw e;
        }
    }

    public void run(Runnable engineCall) {
        call(() -> {
            engineCall.run();
            return null;
        });
    }

    public DockerEngineException unreachable(Throwable cause) {
        return new DockerEngineException("cannot reach the Docker engine at " + host + ": start it, or " + HOW_TO_SET,
                cause);
    }

    /**
     * A call that failed in transport: either the engine is gone (as {@link #unreachable}), or it answers
     * but the connection broke mid-call (the engine restarted, a proxy cut it). Asks the engine to tell.
     *
     * @param during what was under way, e.g. "the build of fahr-x:1a2b"
     */
    public DockerEngineException lost(String during, Throwable cause) {
        try {
            client.pingCmd().exec();
        } catch (RuntimeException e) {
            return unreachable(cause);
        }
        return new DockerEngineException("the connection to the Docker engine at " + host + " broke during " + during
                + " (" + transportMessage(cause) + "): check that the engine still runs (docker info), then try again",
                cause);
    }

    private static String transportMessage(Throwable e) {
        String message = null;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException && cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message != null ? message : String.valueOf(e.getMessage());
    }

    /** docker-java wraps the transport's IOException (connection refused, no such socket) in a RuntimeException. */
    public static boolean isUnreachable(Throwable e) {
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
