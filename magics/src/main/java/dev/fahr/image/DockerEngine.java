package dev.fahr.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import java.time.Duration;

/**
 * A docker-java client, opened the way the {@code docker} command finds its engine, with the address
 * it talks to (for messages).
 *
 * @param client the client
 * @param host   the engine's address, for example {@code unix:///var/run/docker.sock}
 */
record DockerEngine(DockerClient client, String host) {

    // Short, so that a wrong DOCKER_HOST fails in seconds; a build's own output has no time limit.
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * @param dockerHost the engine's address, or null for DOCKER_HOST or else the default socket
     * @throws ImageBuildException for an address docker-java cannot use
     */
    static DockerEngine open(String dockerHost) {
        DockerClientConfig config;
        try {
            DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder();
            if (dockerHost != null) {
                builder.withDockerHost(dockerHost);
            }
            config = builder.build();
        } catch (RuntimeException e) {
            throw new ImageBuildException("cannot use the Docker engine address "
                    + TemplateValueCheck.quoted(dockerHost != null ? dockerHost : System.getenv("DOCKER_HOST"))
                    + ": " + e.getMessage() + "; set DOCKER_HOST to unix:///path/to/docker.sock or tcp://host:port", e);
        }
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(CONNECT_TIMEOUT)
                .build();
        return new DockerEngine(DockerClientImpl.getInstance(config, http), config.getDockerHost().toString());
    }
}
