package dev.fahr.driver.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;

import dev.fahr.driver.DriverException;
import dev.fahr.job.InputChannel;
import dev.fahr.job.JobSpec;

/**
 * Creates and starts a job's container the way SageMaker runs a training image: {@code IMAGE train},
 * detached, with the job's folders bind-mounted under {@code /opt/ml}. The container is named after the
 * job, so a second submit of the same job finds it and starts nothing.
 */
final class ContainerLauncher {

    private static final String ML = "/opt/ml";

    private final LocalEngine engine;

    ContainerLauncher(LocalEngine engine) {
        this.engine = engine;
    }

    /** Starts the job; false when its container already existed (then it is at most started, never re-created). */
    boolean launch(JobSpec spec, LocalSettings settings) {
        String name = spec.name().value();
        Optional<InspectContainerResponse> existing = engine.inspect(name);
        if (existing.isPresent()) {
            resume(name, existing.get());
            return false;
        }
        Map<String, Path> channels = channels(spec, settings);
        JobWorkspace workspace = new JobWorkspace(settings.workspace()
                .orElse(spec.jobFolder().resolve(".fahr").resolve("local-jobs")).resolve(name));
        workspace.prepare(spec.hyperparameters(), channels.keySet());
        int gpus = settings.gpuCount(spec.gpu());
        try {
            engine.call(() -> engine.client().createContainerCmd(image(spec))
                    .withName(name)
                    .withCmd("train")
                    .withEnv(environment(spec, settings))
                    .withLabels(Map.of(ContainerLabels.JOB, name,
                            ContainerLabels.WORKSPACE, workspace.root().toString(),
                            ContainerLabels.DRIVER, "local",
                            ContainerLabels.IMAGE, spec.image().reference(),
                            ContainerLabels.STOP_TIMEOUT, String.valueOf(settings.stopTimeout())))
                    .withHostConfig(hostConfig(workspace, channels, settings, gpus))
                    // SageMaker's stop: SIGTERM, then SIGKILL after the grace period, also for a manual `docker stop`.
                    .withStopSignal("SIGTERM")
                    .withStopTimeout(settings.stopTimeout())
                    .exec());
        } catch (ConflictException e) {
            // Another submit of the same job won the race: that container is the job.
            engine.inspect(name).ifPresent(container -> resume(name, container));
            return false;
        } catch (NotFoundException e) {
            throw new DriverException("image " + spec.image().reference() + " is not in the Docker engine at "
                    + engine.host() + ": build it first (fahr build), or check --train-image", e);
        } catch (DockerException e) {
            throw refused(spec, gpus, e);
        }
        start(spec, gpus);
        return true;
    }

    /**
     * The mounts and limits. Package-private so that a test can check the GPU request that is sent, which
     * an engine without the NVIDIA runtime refuses.
     */
    static HostConfig hostConfig(JobWorkspace workspace, Map<String, Path> channels, LocalSettings settings, int gpus) {
        List<Bind> binds = new ArrayList<>(List.of(
                new Bind(workspace.configDir().toString(), new Volume(ML + "/input/config")),
                new Bind(workspace.modelDir().toString(), new Volume(ML + "/model")),
                new Bind(workspace.outputDir().toString(), new Volume(ML + "/output")),
                new Bind(workspace.checkpointDir().toString(), new Volume(ML + "/checkpoints"))));
        channels.forEach((channel, source) -> {
            String folder = ML + "/input/data/" + channel;
            // A single file appears inside the channel's folder, as SageMaker downloads it there.
            String mountPoint = Files.isDirectory(source) ? folder : folder + "/" + source.getFileName();
            binds.add(new Bind(source.toString(), new Volume(mountPoint), AccessMode.ro));
        });
        HostConfig host = HostConfig.newHostConfig()
                .withBinds(binds)
                .withNetworkMode(settings.network());
        settings.memoryBytes().ifPresent(bytes -> host.withMemory(bytes).withMemorySwap(bytes));
        settings.nanoCpus().ifPresent(host::withNanoCPUs);
        if (gpus != 0) {
            host.withDeviceRequests(List.of(new DeviceRequest()
                    .withCount(gpus)
                    .withCapabilities(List.of(List.of("gpu")))));
        }
        return host;
    }

    private void resume(String name, InspectContainerResponse container) {
        Map<String, String> labels = container.getConfig() == null ? null : container.getConfig().getLabels();
        if (labels == null || !name.equals(labels.get(ContainerLabels.JOB))) {
            throw new DriverException("a container named " + name + " exists in the Docker engine at " + engine.host()
                    + " that fahr did not create: remove it (docker rm " + name + ") or use another job name");
        }
        // Created but never started: the submit that made it was interrupted; finish its work.
        String workspace = labels.get(ContainerLabels.WORKSPACE);
        boolean stopped = workspace != null && new JobWorkspace(Path.of(workspace)).stopRequested();
        if ("created".equals(container.getState().getStatus()) && !stopped) {
            engine.run(() -> engine.client().startContainerCmd(name).exec());
        }
    }

    private void start(JobSpec spec, int gpus) {
        String name = spec.name().value();
        try {
            engine.run(() -> engine.client().startContainerCmd(name).exec());
        } catch (DockerException e) {
            // Leave no dead container behind: it would make the next submit of this name a no-op.
            try {
                engine.run(() -> engine.client().removeContainerCmd(name).withForce(true).exec());
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw refused(spec, gpus, e);
        }
    }

    private DriverException refused(JobSpec spec, int gpus, DockerException e) {
        String said = e.getMessage() == null ? "" : e.getMessage().strip();
        if (gpus != 0) {
            return new DriverException("job " + spec.name() + " asks for GPUs, but no NVIDIA runtime is available on the"
                    + " Docker engine at " + engine.host() + " (it said: " + said + "); run on CPU with"
                    + " --train-image=default-cpu (or --config.gpus=0), or on SageMaker with --train-driver=sagemaker", e);
        }
        return new DriverException("the Docker engine at " + engine.host() + " refused to run job " + spec.name()
                + ": " + said, e);
    }

    /** The local image id when publish pinned one, so that a later build under the same tag cannot change the job. */
    private String image(JobSpec spec) {
        Optional<String> digest = spec.image().digest();
        if (digest.isPresent()) {
            try {
                engine.call(() -> engine.client().inspectImageCmd(digest.get()).exec());
                return digest.get();
            } catch (NotFoundException e) {
                // A registry digest, not a local image id: run the reference.
            }
        }
        return spec.image().reference();
    }

    private static List<String> environment(JobSpec spec, LocalSettings settings) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("FAHR_EXECUTION_ENVIRONMENT", "local");
        variables.put("TRAINING_JOB_NAME", spec.name().value());
        variables.putAll(spec.environment());
        variables.putAll(settings.environment());
        return variables.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    /** The spec's input channels, then those given as settings (which win), as existing absolute paths. */
    private static Map<String, Path> channels(JobSpec spec, LocalSettings settings) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (InputChannel input : spec.inputs()) {
            sources.put(input.name(), input.source());
        }
        sources.putAll(settings.inputs());
        Map<String, Path> channels = new LinkedHashMap<>();
        sources.forEach((channel, source) -> {
            try {
                new InputChannel(channel, source); // validates the channel name
            } catch (IllegalArgumentException e) {
                throw new DriverException(e.getMessage(), e);
            }
            if (source.startsWith("s3://")) {
                throw new DriverException("input " + channel + " is " + source + ": the local driver reads local files"
                        + " only; download it and pass --config.input." + channel + "=PATH, or run on SageMaker");
            }
            Path path = Path.of(source).toAbsolutePath().normalize();
            if (!Files.exists(path)) {
                throw new DriverException("input " + channel + ": no file or folder at " + path
                        + "; fix --config.input." + channel + "=PATH");
            }
            channels.put(channel, path);
        });
        return channels;
    }
}
