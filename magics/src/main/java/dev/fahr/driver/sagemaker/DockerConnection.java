package dev.fahr.driver.sagemaker;

import java.time.Duration;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import dev.fahr.driver.DriverException;

/** The local Docker engine that holds the built image, found the way the {@code docker} command finds it. */
final class DockerConnection {

    // Short, so that a wrong DOCKER_HOST fails in seconds; a push itself has no time limit.
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private DockerConnection() {
    }

    static DockerClient open() {
        DockerClientConfig config;
        try {
            config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        } catch (RuntimeException e) {
            throw new DriverException("cannot use the Docker engine address '" + System.getenv("DOCKER_HOST")
                    + "': set DOCKER_HOST to unix:///path/to/docker.sock or tcp://host:port", e);
        }
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(CONNECT_TIMEOUT)
                .build();
        return DockerClientImpl.getInstance(config, http);
    }
}
