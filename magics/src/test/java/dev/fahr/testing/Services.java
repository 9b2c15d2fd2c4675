package dev.fahr.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.fahr.internal.docker.DockerEngine;
import dev.fahr.internal.docker.DockerEngineException;

/**
 * The one way a test asks for the services that scripts/with-services.sh starts: the Docker engine, the
 * password-protected registry, and Debian's Python with Jupyter's nbformat. A test that needs one fails
 * (never skips) with a message saying how to run it. Such tests are ITs, run by failsafe in {@code mvn verify}.
 *
 * @param dockerHost       the engine's address
 * @param registry         the registry, host:port
 * @param registryUser     its user
 * @param registryPassword its password
 */
public record Services(String dockerHost, String registry, String registryUser, String registryPassword) {

    public static final String HOW_TO_RUN = "run it under scripts/with-services.sh, e.g. "
            + "scripts/with-services.sh mvn -B verify -pl magics -am -Dit.test=NameOfTheIT";

    /** The engine and the registry. */
    public static Services require() {
        String registry = System.getenv("FAHR_TEST_REGISTRY");
        String password = System.getenv("FAHR_TEST_REGISTRY_PASSWORD");
        if (registry == null || password == null) {
            fail("this test needs the password-protected registry (FAHR_TEST_REGISTRY and FAHR_TEST_REGISTRY_PASSWORD"
                    + " are not set); " + HOW_TO_RUN);
        }
        String user = System.getenv().getOrDefault("FAHR_TEST_REGISTRY_USER", "AWS");
        return new Services(engineAddress(), registry, user, password);
    }

    /** The engine's address: DOCKER_HOST. */
    public static String engineAddress() {
        String host = System.getenv("DOCKER_HOST");
        if (host == null || host.isBlank()) {
            fail("this test needs a real Docker engine (DOCKER_HOST is not set); " + HOW_TO_RUN);
        }
        return host;
    }

    /** A connection to the engine, opened the way fahr opens one, checked to answer. */
    public static DockerEngine engine() {
        DockerEngine engine = DockerEngine.open(Optional.of(engineAddress()), Map.of());
        try {
            engine.ping();
        } catch (DockerEngineException e) {
            engine.close();
            fail(e.getMessage() + "; " + HOW_TO_RUN, e);
        }
        return engine;
    }

    /** Debian's Python, which has Jupyter's nbformat (FAHR_TEST_PYTHON overrides it). */
    public static String python() {
        String override = System.getenv("FAHR_TEST_PYTHON");
        String python = override == null || override.isBlank() ? "/usr/bin/python3" : override;
        if (!succeeds(List.of(python, "-c", "import nbformat"))) {
            fail(python + " cannot import nbformat, which this test needs to read and check notebooks the way"
                    + " Jupyter does; " + HOW_TO_RUN + " (it installs python3-nbformat), or point FAHR_TEST_PYTHON"
                    + " at a Python that has it");
        }
        return python;
    }

    private static boolean succeeds(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
