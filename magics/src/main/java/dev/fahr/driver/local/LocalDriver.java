package dev.fahr.driver.local;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotModifiedException;

import dev.fahr.driver.DockerHostSetting;
import dev.fahr.driver.DriverException;
import dev.fahr.driver.FetchResult;
import dev.fahr.driver.LogRequest;
import dev.fahr.driver.LogSink;
import dev.fahr.driver.TrainingDriver;
import dev.fahr.job.JobName;
import dev.fahr.job.JobSpec;
import dev.fahr.job.JobState;
import dev.fahr.job.JobStatus;
import dev.fahr.runtime.MetricPoint;
import dev.fahr.settings.Settings;
import dev.fahr.settings.SettingsSchema;

/**
 * Runs training jobs as containers of the local Docker engine, imitating SageMaker's container contract:
 * {@code IMAGE train}, {@code /opt/ml} mounted from a per-job workspace folder, SIGTERM then SIGKILL to
 * stop, the model packed into {@code model.tar.gz} when the job ends.
 *
 * <p>The engine is the only record: containers are named after their jobs and labelled with their
 * workspace folder, so any process (a restarted kernel, the command line) finds every job again.
 * Containers are kept after they end, for their exit code and logs; {@code docker rm} forgets a job.
 *
 * <p>A job the engine does not know (never submitted here, or its container removed) is left out of
 * {@link #status}; a job that is merely starting shows "Starting".
 */
public final class LocalDriver implements TrainingDriver, AutoCloseable {

    /** The value of {@code --train-driver}. */
    public static final String NAME = "local";

    private final Map<String, String> environment;
    private final Map<String, Engine> engines = new ConcurrentHashMap<>();

    /** The parts that talk to one engine. */
    private record Engine(LocalEngine engine, JobCompletion completion, ContainerLauncher launcher,
                          ContainerStatusReader status, LocalLogs logs, LocalFetch fetch) {

        static Engine of(LocalEngine engine) {
            LocalLogs logs = new LocalLogs(engine);
            JobCompletion completion = new JobCompletion(engine, logs);
            return new Engine(engine, completion, new ContainerLauncher(engine),
                    new ContainerStatusReader(engine, completion), logs, new LocalFetch(engine, completion));
        }
    }

    /** A driver for the engine at DOCKER_HOST, else the default socket, unless a job's settings name another. */
    public LocalDriver() {
        this(System.getenv());
    }

    LocalDriver(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SettingsSchema settingsSchema() {
        return LocalSettings.SCHEMA;
    }

    /** Images are built in the engine that runs the job. */
    @Override
    public Optional<String> dockerHost(Settings settings) {
        return DockerHostSetting.of(settings);
    }

    @Override
    public JobStatus submit(JobSpec spec) {
        LocalSettings settings = typed(spec.settings());
        Engine engine = engine(settings);
        if (engine.launcher().launch(spec, settings)) {
            return JobStatus.builder(spec.name(), JobState.IN_PROGRESS).secondaryStatus("Training")
                    .startedAt(Instant.now()).build();
        }
        return engine.status().read(List.of(spec.name())).get(0);
    }

    @Override
    public List<JobStatus> status(Collection<JobName> jobs, Settings settings) {
        return engine(typed(settings)).status().read(jobs);
    }

    @Override
    public Map<JobName, Map<String, List<MetricPoint>>> metricSeries(Collection<JobName> jobs, Settings settings,
                                                                    Instant since) {
        return engine(typed(settings)).status().metricSeries(jobs);
    }

    @Override
    public void logs(JobName job, LogRequest request, Settings settings, LogSink sink) {
        engine(typed(settings)).logs().deliver(job.value(), request, sink);
    }

    /**
     * Records the stop request, then sends SIGTERM and, after the grace period, SIGKILL. Returns when the
     * container has stopped: at most {@code stop_timeout} seconds (the setting if given here, else the
     * one the job was submitted with). Stopping an ended job does nothing.
     */
    @Override
    public void stop(JobName job, Settings settings) {
        LocalSettings typed = typed(settings);
        LocalEngine engine = engine(typed).engine();
        InspectContainerResponse container = engine.inspect(job.value()).orElseThrow(() -> new DriverException(
                "no local job named " + job + " in the Docker engine at " + engine.host() + " (see status)"));
        String state = container.getState().getStatus();
        if ("exited".equals(state) || "dead".equals(state)) {
            return;
        }
        Map<String, String> labels = container.getConfig().getLabels();
        new JobWorkspace(Path.of(labels.get(ContainerLabels.WORKSPACE))).markStopRequested();
        int timeout = explicitlySet(settings, LocalSettings.STOP_TIMEOUT) ? typed.stopTimeout()
                : Optional.ofNullable(labels.get(ContainerLabels.STOP_TIMEOUT)).map(Integer::parseInt)
                        .orElse(typed.stopTimeout());
        try {
            engine.run(() -> engine.client().stopContainerCmd(job.value()).withTimeout(timeout).exec());
        } catch (NotModifiedException e) {
            // It ended on its own meanwhile.
        }
    }

    @Override
    public FetchResult fetch(JobName job, Path target, boolean extract, Settings settings) {
        return engine(typed(settings)).fetch().fetch(job.value(), target, extract);
    }

    /** How many times this driver listed the engine's containers; status must cost one list per call. */
    int listCalls() {
        return engines.values().stream().mapToInt(engine -> engine.engine().listCalls()).sum();
    }

    @Override
    public void close() {
        engines.values().forEach(engine -> engine.engine().close());
        engines.clear();
    }

    private Engine engine(LocalSettings settings) {
        String key = settings.dockerHost().orElse("");
        return engines.computeIfAbsent(key, k -> Engine.of(LocalEngine.open(settings.dockerHost(), environment)));
    }

    private static LocalSettings typed(Settings settings) {
        try {
            return LocalSettings.from(settings);
        } catch (IllegalArgumentException e) {
            throw new DriverException(e.getMessage(), e);
        }
    }

    private static boolean explicitlySet(Settings settings, String key) {
        Settings.Value value = settings.all().get(key);
        return value != null && !"default".equals(value.source());
    }
}
