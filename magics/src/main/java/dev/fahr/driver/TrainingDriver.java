package dev.fahr.driver;

import java.nio.file.Path;
import java.util.Collection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.fahr.job.CostEstimate;
import dev.fahr.job.ImageDestination;
import dev.fahr.job.JobName;
import dev.fahr.job.JobSpec;
import dev.fahr.job.JobStatus;
import dev.fahr.runtime.MetricPoint;
import dev.fahr.settings.Settings;
import dev.fahr.settings.SettingsSchema;

/**
 * Where training jobs run. One implementation per target (the local Docker engine, SageMaker); no
 * driver knows another, and the workflow knows drivers only through this interface.
 *
 * <p>Every call that talks to a service throws {@link DriverException} with one line naming what to
 * fix (a missing credential, an unreachable engine), never a raw client exception.
 */
public interface TrainingDriver {

    /** {@code local} or {@code sagemaker}: the value of {@code --train-driver}. */
    String name();

    /** The {@code --config.*} settings this driver accepts, typed and documented. */
    SettingsSchema settingsSchema();

    /**
     * The Docker engine this driver's images are built in (its {@code docker_host} setting), if the settings
     * name one; empty: {@code DOCKER_HOST}, else the default socket.
     */
    default Optional<String> dockerHost(Settings settings) {
        return Optional.empty();
    }

    /**
     * Checks what a launch with these settings would be refused for, before anything is built or pushed:
     * settings that contradict each other, too many metrics. Does nothing by default.
     *
     * @param gpu whether the job's image is a GPU image
     */
    default void checkLaunch(Settings settings, boolean gpu) {
    }

    /**
     * What a launch of {@code jobs} jobs with these settings may cost, for a driver whose jobs cost money
     * (SageMaker); empty, the default, for one whose do not (the local driver). A price that cannot be found
     * makes an estimate without one, never an error.
     *
     * @param gpu whether the job's image is a GPU image (it chooses the default instance type)
     */
    default Optional<CostEstimate> estimateCost(Settings settings, boolean gpu, int jobs) {
        return Optional.empty();
    }

    /**
     * Where this driver's jobs pull their image from, for a driver whose jobs run away from the engine that
     * builds it (SageMaker pulls from ECR): the repository, created if missing, and a login to push there.
     * Empty, the default, when the jobs run where the image is built (the local Docker engine): then nothing
     * is pushed.
     *
     * @param imageName the image's own name (e.g. {@code fahr-quickstart}), a default repository name
     */
    default Optional<ImageDestination> imageDestination(String imageName, Settings settings,
                                                        ProgressListener progress) {
        return Optional.empty();
    }

    /**
     * Starts the job and returns at once. Submitting a spec whose name the driver already knows is not
     * an error and starts nothing new: that is what makes a retry after a crash safe.
     */
    JobStatus submit(JobSpec spec);

    /**
     * The status of many jobs with as few service calls as the service allows. Jobs the driver does
     * not know (never submitted, or removed) are left out of the result.
     */
    List<JobStatus> status(Collection<JobName> jobs, Settings settings);

    /**
     * Every value of every metric each job reported, in step order, for learning curves: in as few service
     * calls as the service allows, not one per job. Jobs without metrics are left out.
     *
     * @param since when the earliest of the jobs started (or was launched)
     */
    Map<JobName, Map<String, List<MetricPoint>>> metricSeries(Collection<JobName> jobs, Settings settings, Instant since);

    /** The job's log lines, oldest first; with {@code request.follow()}, until the job ends. */
    void logs(JobName job, LogRequest request, Settings settings, LogSink sink);

    /** Asks the job to stop: SIGTERM first, as SageMaker does, then a kill after a grace period. */
    void stop(JobName job, Settings settings);

    /** Downloads the job's model artefacts into {@code target}, extracting them unless told not to. */
    FetchResult fetch(JobName job, Path target, boolean extract, Settings settings);
}
