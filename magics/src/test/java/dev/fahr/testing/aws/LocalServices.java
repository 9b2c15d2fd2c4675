package dev.fahr.testing.aws;

/**
 * The engine and registry that scripts/with-services.sh starts. A test that needs them fails (never
 * skips) with a message saying how to run it.
 */
public record LocalServices(String dockerHost, String registry, String registryUser, String registryPassword) {

    public static LocalServices require() {
        String dockerHost = System.getenv("DOCKER_HOST");
        String registry = System.getenv("FAHR_TEST_REGISTRY");
        String password = System.getenv("FAHR_TEST_REGISTRY_PASSWORD");
        if (dockerHost == null || registry == null || password == null) {
            throw new IllegalStateException("this test needs the local Docker engine and the password-protected "
                    + "registry: run it under scripts/with-services.sh (DOCKER_HOST, FAHR_TEST_REGISTRY and "
                    + "FAHR_TEST_REGISTRY_PASSWORD are not set)");
        }
        String user = System.getenv().getOrDefault("FAHR_TEST_REGISTRY_USER", "AWS");
        return new LocalServices(dockerHost, registry, user, password);
    }
}
