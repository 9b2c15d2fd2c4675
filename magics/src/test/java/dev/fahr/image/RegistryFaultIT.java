package dev.fahr.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.fahr.image.jib.JibImageBuilder;
import dev.fahr.job.ImageDestination;
import dev.fahr.job.ImageRef;
import dev.fahr.job.RegistryLogin;
import dev.fahr.testing.FaultLedger;
import dev.fahr.testing.FaultProxy;
import dev.fahr.testing.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry answering 503 in the middle of a push, through a loopback proxy that presents the registry's
 * own certificate and fails blob uploads by their request line: the Docker engine retries a layer within its
 * bound and the push completes; Jib's push fails in one line naming the registry, and a rerun pushes. Needs
 * scripts/with-services.sh.
 */
class RegistryFaultIT {

    private static TestRegistry registry;
    private static String base;
    private static FaultProxy proxy;

    @TempDir
    Path temp;

    @BeforeAll
    static void startProxy() throws Exception {
        registry = TestRegistry.require();
        base = registry.push("eclipse-temurin:21-jdk", "library/eclipse-temurin:21-jdk");
        String state = System.getenv("FAHR_CI_STATE");
        if (state == null) {
            fail("FAHR_CI_STATE is not set: run this under scripts/with-services.sh, which keeps the registry's"
                    + " certificate there");
        }
        proxy = FaultProxy.beforeTlsRegistry(registry.host(), Path.of(state, "registry-cert.pem"),
                Path.of(state, "registry-key.pem"));
    }

    @AfterAll
    static void stopProxy() throws Exception {
        proxy.close();
    }

    @AfterEach
    void disarm() {
        proxy.disarm();
    }

    private static Optional<ImageDestination> throughProxy(String repository) {
        return Optional.of(new ImageDestination(proxy.hostAndPort() + "/" + repository, Optional.of(new RegistryLogin(
                proxy.hostAndPort(), registry.auth().getUsername(), registry.auth().getPassword()))));
    }

    private JobFolder job(String name) throws Exception {
        return TestJobs.javaJob(temp.resolve(name), base, TestJobs.script(name + " " + UUID.randomUUID()));
    }

    @Test
    void theDockerEngineRetriesALayerTheRegistryRefusedWith503AndThePushCompletes() throws Exception {
        String repository = "fahr-503-docker-" + UUID.randomUUID().toString().substring(0, 8);
        JobFolder job = job("docker");
        int before = proxy.injected();
        proxy.failRequests("PATCH /v2/" + repository, 503, 2);
        FaultLedger.Stopwatch watch = new FaultLedger.Stopwatch();
        ImageRef pushed;
        try (DockerImageBuilder docker = DockerImageBuilder.connect(Optional.empty(), System.getenv())) {
            pushed = docker.build(job.buildContext(), throughProxy(repository), BuildListener.IGNORE);
        }
        assertEquals(2, proxy.injected() - before, "both 503s were met");
        assertTrue(registry.manifest(repository, pushed.digest().orElseThrow()).has("layers"),
                "the image is whole in the registry");
        FaultLedger.record("registry 503 on blob uploads mid-push (Docker retries them)", 2, FaultLedger.NOT_APPLICABLE,
                FaultLedger.NOT_APPLICABLE, 0, watch.elapsed());
    }

    @Test
    void jibsPushRefusedWith503IsOneLineNamingTheRegistryAndARerunPushes() throws Exception {
        String repository = "fahr-503-jib-" + UUID.randomUUID().toString().substring(0, 8);
        JobFolder job = job("jib");
        Path home = java.nio.file.Files.createDirectories(temp.resolve("home"));
        registry.dockerLogin(home, true); // the base image's login, as docker login leaves it
        JibImageBuilder jib = JibImageBuilder.create(Optional.empty(), Map.of("HOME", home.toString()));
        int before = proxy.injected();
        proxy.failRequests("/v2/" + repository + "/blobs/uploads", 503, 50);
        FaultLedger.Stopwatch watch = new FaultLedger.Stopwatch();
        ImageBuildException e = assertThrows(ImageBuildException.class,
                () -> jib.build(job.buildContext(), throughProxy(repository), BuildListener.IGNORE));
        java.time.Duration took = watch.elapsed();
        assertTrue(!e.getMessage().contains("\n") && e.getMessage().contains(proxy.hostAndPort())
                && e.getMessage().contains("503"), e.getMessage());
        int injected = proxy.injected() - before;
        assertTrue(injected >= 1, "the 503 was met");

        proxy.disarm();
        ImageRef pushed = jib.build(job.buildContext(), throughProxy(repository), BuildListener.IGNORE);
        assertTrue(registry.manifest(repository, pushed.digest().orElseThrow()).has("layers"));
        FaultLedger.record("registry 503 on every blob upload (Jib: one line; a rerun pushes)", injected,
                FaultLedger.NOT_APPLICABLE, FaultLedger.NOT_APPLICABLE, 0, took);
    }
}
