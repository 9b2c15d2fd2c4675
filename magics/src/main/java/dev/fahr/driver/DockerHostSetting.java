package dev.fahr.driver;

import java.util.Optional;

import dev.fahr.settings.SettingKey;
import dev.fahr.settings.SettingType;
import dev.fahr.settings.Settings;

/**
 * {@code docker_host}: the Docker engine a driver's images are built in, and, for the local driver, run in,
 * or, for SageMaker, pushed from. One key for every driver that uses an engine, read one way.
 */
public final class DockerHostSetting {

    public static final String NAME = "docker_host";

    public static final SettingKey KEY = SettingKey.builder(NAME, SettingType.STRING)
            .description("The Docker engine that builds the image and runs the job (local) or pushes it (sagemaker), "
                    + "e.g. unix:///var/run/docker.sock or tcp://host:2375; default: DOCKER_HOST, else the default "
                    + "socket. Local input folders are mounted from the engine's machine, so use an engine on this one.")
            .build();

    private DockerHostSetting() {
    }

    /** The setting, if given and not blank. */
    public static Optional<String> of(Settings settings) {
        return settings.string(NAME).filter(host -> !host.isBlank());
    }
}
