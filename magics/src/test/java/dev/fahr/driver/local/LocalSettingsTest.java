package dev.fahr.driver.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.HostConfig;

import dev.fahr.settings.SettingsException;

class LocalSettingsTest {

    @Test
    void defaultsAreSafeAndSageMakerLike() {
        LocalSettings settings = LocalSettings.from(TestEngine.settings(Map.of()));

        assertEquals("none", settings.network());
        assertEquals(120, settings.stopTimeout());
        assertEquals(OptionalLong.empty(), settings.memoryBytes());
        assertEquals(OptionalInt.empty(), settings.gpus());
        assertEquals(Optional.empty(), settings.workspace());
    }

    @Test
    void typedValuesAreParsed() {
        LocalSettings settings = LocalSettings.from(TestEngine.settings(Map.of(
                "memory", "4g", "cpus", "1.5", "gpus", "2", "network", "host", "stop_timeout", "30",
                "input.train", "/data/train", "env.SEED", "42", "workspace", "/tmp/jobs")));

        assertEquals(OptionalLong.of(4L * 1024 * 1024 * 1024), settings.memoryBytes());
        assertEquals(OptionalLong.of(1_500_000_000L), settings.nanoCpus());
        assertEquals(2, settings.gpuCount(false));
        assertEquals("host", settings.network());
        assertEquals(30, settings.stopTimeout());
        assertEquals(Map.of("train", "/data/train"), settings.inputs());
        assertEquals(Map.of("SEED", "42"), settings.environment());
        assertEquals(Optional.of(Path.of("/tmp/jobs")), settings.workspace());
    }

    @Test
    void memorySizesFollowDockersSyntax() {
        assertEquals(OptionalLong.of(512L * 1024 * 1024), LocalSettings.memoryBytes("512m"));
        assertEquals(OptionalLong.of(1536L * 1024 * 1024), LocalSettings.memoryBytes("1.5G"));
        assertEquals(OptionalLong.of(2L * 1024 * 1024 * 1024), LocalSettings.memoryBytes("2gb"));
        assertEquals(OptionalLong.empty(), LocalSettings.memoryBytes("lots"));
        assertEquals(OptionalLong.empty(), LocalSettings.memoryBytes("1m"), "below Docker's 6 MB minimum");
    }

    @Test
    void badValuesAreRefusedWithTheRule() {
        SettingsException memory = assertThrows(SettingsException.class,
                () -> TestEngine.settings(Map.of("memory", "four gigs")));
        assertTrue(memory.getMessage().contains("512m or 4g"), memory.getMessage());
        assertThrows(SettingsException.class, () -> TestEngine.settings(Map.of("cpus", "0")));
        assertThrows(SettingsException.class, () -> TestEngine.settings(Map.of("gpus", "-1")));
        assertThrows(SettingsException.class, () -> TestEngine.settings(Map.of("network", "bridge")));
        SettingsException typo = assertThrows(SettingsException.class, () -> TestEngine.settings(Map.of("memroy", "4g")));
        assertTrue(typo.getMessage().contains("did you mean memory"), typo.getMessage());
    }

    @Test
    void gpusDefaultToAllForAGpuJobAndNoneOtherwise() {
        LocalSettings unset = LocalSettings.from(TestEngine.settings(Map.of()));
        assertEquals(-1, unset.gpuCount(true));
        assertEquals(0, unset.gpuCount(false));
        assertEquals(0, LocalSettings.from(TestEngine.settings(Map.of("gpus", "0"))).gpuCount(true));
    }

    @Test
    void aGpuJobRequestsAllGpusWithTheGpuCapability() {
        LocalSettings settings = LocalSettings.from(TestEngine.settings(Map.of()));
        JobWorkspace workspace = new JobWorkspace(Path.of("/work/ws/job-1"));

        HostConfig host = ContainerLauncher.hostConfig(workspace, Map.of(), settings, settings.gpuCount(true));

        DeviceRequest request = host.getDeviceRequests().get(0);
        assertEquals(-1, request.getCount());
        assertEquals(List.of(List.of("gpu")), request.getCapabilities());
        assertEquals(null, ContainerLauncher.hostConfig(workspace, Map.of(), settings, 0).getDeviceRequests());
    }

    @Test
    void theJobsFoldersAreMountedUnderOptMl() {
        LocalSettings settings = LocalSettings.from(TestEngine.settings(Map.of()));
        JobWorkspace workspace = new JobWorkspace(Path.of("/work/ws/job-1"));

        HostConfig host = ContainerLauncher.hostConfig(workspace, Map.of("train", Path.of("/data/train.csv")),
                settings, 0);

        List<String> binds = List.of(host.getBinds()).stream().map(Bind::toString).toList();
        assertEquals(List.of(
                "/work/ws/job-1/input/config:/opt/ml/input/config:rw",
                "/work/ws/job-1/model:/opt/ml/model:rw",
                "/work/ws/job-1/output:/opt/ml/output:rw",
                "/work/ws/job-1/checkpoints:/opt/ml/checkpoints:rw",
                "/data/train.csv:/opt/ml/input/data/train/train.csv:ro"), binds);
    }
}
