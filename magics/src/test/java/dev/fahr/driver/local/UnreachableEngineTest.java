package dev.fahr.driver.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fahr.driver.DriverException;
import dev.fahr.job.JobName;

/** No engine at the address: one line that says what to do, quickly. Needs no engine itself. */
class UnreachableEngineTest {

    private static final String MISSING = "unix:///nonexistent.sock";

    @Test
    void dockerHostPointingNowhereGivesTheFixQuickly() {
        try (LocalDriver driver = new LocalDriver(Map.of("DOCKER_HOST", MISSING))) {
            DriverException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(
                    DriverException.class, () -> driver.status(List.of(JobName.parse("a")), TestEngine.settings(Map.of()))));

            assertEquals("cannot reach the Docker engine at " + MISSING + ": start it, or set DOCKER_HOST"
                    + " (or --config.docker_host) to its address, e.g. unix:///var/run/docker.sock or tcp://host:2375",
                    e.getMessage());
        }
    }

    @Test
    void theDockerHostSettingIsUsedToo() {
        try (LocalDriver driver = new LocalDriver(Map.of())) {
            DriverException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(
                    DriverException.class, () -> driver.stop(JobName.parse("a"),
                            TestEngine.settings(Map.of("docker_host", MISSING)))));

            assertEquals(true, e.getMessage().startsWith("cannot reach the Docker engine at " + MISSING), e.getMessage());
        }
    }
}
