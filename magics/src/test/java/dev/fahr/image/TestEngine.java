package dev.fahr.image;

import com.github.dockerjava.api.DockerClient;
import org.slf4j.LoggerFactory;

import dev.fahr.testing.Services;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Docker engine the tests use: DOCKER_HOST, as scripts/with-services.sh sets it. A test that
 * needs it fails (never skips) when it is absent, saying how to run it.
 */
final class TestEngine {

    static {
        quietWireLogging();
    }

    private TestEngine() {
    }

    /**
     * The test class path has logback (from s3proxy) at its DEBUG default, and the HTTP client then
     * logs every byte of build contexts and saved images: gigabytes that stall surefire. Set INFO
     * through reflection, so that these tests do not depend on which logging backend is present.
     */
    private static void quietWireLogging() {
        for (String name : new String[] {"org.apache.hc", "com.github.dockerjava"}) {
            Object logger = LoggerFactory.getLogger(name);
            try {
                Class<?> level = Class.forName("ch.qos.logback.classic.Level", true, logger.getClass().getClassLoader());
                logger.getClass().getMethod("setLevel", level).invoke(logger, level.getField("INFO").get(null));
            } catch (ReflectiveOperationException | LinkageError notLogback) {
                // Another backend: its own defaults apply.
            }
        }
    }

    static String dockerHost() {
        return Services.engineAddress();
    }

    static DockerImageBuilder builder() {
        DockerImageBuilder builder = DockerImageBuilder.connect(Optional.of(dockerHost()), Map.of());
        try {
            builder.checkReachable();
        } catch (ImageBuildException e) {
            builder.close();
            fail(e.getMessage() + "; " + Services.HOW_TO_RUN, e);
        }
        return builder;
    }

    /** A raw client for what the tests check beyond fahr's API (containers, layers, docker save). */
    static DockerClient client() {
        return Services.engine().client();
    }
}
