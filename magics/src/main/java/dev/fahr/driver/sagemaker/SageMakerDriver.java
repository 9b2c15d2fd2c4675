package dev.fahr.driver.sagemaker;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.fahr.driver.DockerHostSetting;
import dev.fahr.driver.MetricNamesSetting;
import dev.fahr.runtime.MetricPoint;
import dev.fahr.driver.DriverException;
import dev.fahr.driver.FetchResult;
import dev.fahr.driver.LogRequest;
import dev.fahr.driver.LogSink;
import dev.fahr.driver.ProgressListener;
import dev.fahr.driver.TrainingDriver;
import dev.fahr.job.CostEstimate;
import dev.fahr.job.ImageDestination;
import dev.fahr.job.Price;
import dev.fahr.job.JobName;
import dev.fahr.job.JobSpec;
import dev.fahr.job.JobStatus;
import dev.fahr.settings.Settings;
import dev.fahr.settings.SettingsSchema;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;

/**
 * Runs training jobs on Amazon SageMaker: pushes the image to ECR, uploads local inputs to S3, starts
 * the job, and reads its status, logs and model. Every call opens its own session from the settings
 * (region, profile), so one driver serves jobs of several accounts or regions.
 */
public final class SageMakerDriver implements TrainingDriver {

    public static final String NAME = "sagemaker";

    private final SageMakerEndpoints endpoints;
    private final Duration logPollInterval;
    private final TrainingJobLauncher.Sleeper launchBackoff;

    public SageMakerDriver() {
        this(SageMakerEndpoints.fromSystemProperties(), Duration.ofSeconds(5), duration -> Thread.sleep(duration.toMillis()));
    }

    SageMakerDriver(SageMakerEndpoints endpoints, Duration logPollInterval, TrainingJobLauncher.Sleeper launchBackoff) {
        this.endpoints = endpoints;
        this.logPollInterval = logPollInterval;
        this.launchBackoff = launchBackoff;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SageMakerSettings.SCHEMA;
    }

    /** Every setting the job's request is built from, checked as CreateTrainingJob would check it. */
    @Override
    public void checkLaunch(Settings settings, boolean gpu) {
        SageMakerJobConfig config = SageMakerJobConfig.of(settings, gpu, Map.of(), Map.of());
        // What would fail the launch is asked now, before a build and push that may take minutes.
        config.inputs().forEach((channel, source) -> {
            if (!source.startsWith("s3://")) {
                S3Transfer.requireInput(Path.of(source));
            }
        });
        withSession(settings, session -> {
            S3Transfer transfer = new S3Transfer(session.s3());
            transfer.requireBucket(config.outputPath(), SageMakerSettings.OUTPUT_PATH);
            config.checkpoint().ifPresent(uri -> transfer.requireBucket(uri, SageMakerSettings.CHECKPOINT_S3_URI));
            return new RoleArns(session.sts()).resolve(config.role());
        });
    }

    /** Images are built in the engine they are pushed from. */
    @Override
    public Optional<String> dockerHost(Settings settings) {
        return DockerHostSetting.of(settings);
    }

    /**
     * The instance type's price (Price List API, else its cache, else fahr's snapshot) times the instance
     * count, and at most that times max_runtime times the jobs; with max_cost as the cap.
     */
    @Override
    public Optional<CostEstimate> estimateCost(Settings settings, boolean gpu, int jobs) {
        SageMakerJobConfig config = SageMakerJobConfig.of(settings, gpu, Map.of(), Map.of());
        return Optional.of(withSession(settings, session -> {
            InstancePrices prices = prices(session);
            Optional<Price> price = prices.of(session.region().id(), config.instanceType());
            return new CostEstimate(config.instanceType(), config.instanceCount(), config.useSpot(),
                    Duration.ofSeconds(config.maxRuntimeSeconds()), jobs, price,
                    settings.number(SageMakerSettings.MAX_COST), price.isPresent() ? List.of()
                    : InstanceTypes.closestIfUnknown(config.instanceType()), List.copyOf(prices.notes()));
        }));
    }

    private InstancePrices prices(AwsSession session) {
        return new InstancePrices(session::pricing, InstancePrices.defaultCacheFile(System.getenv()), Clock.systemUTC());
    }

    /** SageMaker pulls from ECR: the repository ({@code ecr_repository}, else one named after the image). */
    @Override
    public Optional<ImageDestination> imageDestination(String imageName, Settings settings, ProgressListener progress) {
        return Optional.of(withSession(settings, session -> new EcrRepositories(session.ecr())
                .destination(imageName, settings.string(SageMakerSettings.ECR_REPOSITORY), progress)));
    }

    @Override
    public JobStatus submit(JobSpec spec) {
        SageMakerJobConfig config = SageMakerJobConfig.of(spec);
        if (spec.image().digest().isEmpty()) {
            throw new DriverException("image " + spec.image().reference() + " has not been pushed to ECR: push it "
                    + "first, so that the job runs a pinned digest");
        }
        return withSession(spec.settings(), session -> {
            S3Transfer transfer = new S3Transfer(session.s3());
            transfer.requireBucket(config.outputPath(), SageMakerSettings.OUTPUT_PATH);
            String roleArn = new RoleArns(session.sts()).resolve(config.role());
            Map<String, S3Location> channels = uploadInputs(spec.name(), config, transfer);
            var request = TrainingJobLauncher.request(spec, config, roleArn, spec.image().pinned(), channels);
            DescribeTrainingJobResponse job = new TrainingJobLauncher(session.sageMaker(), launchBackoff).launch(request);
            return StatusMapping.of(job, session.region().id());
        });
    }

    /** s3:// channels are used as they are; local files and folders are uploaded under the job's prefix. */
    private static Map<String, S3Location> uploadInputs(JobName job, SageMakerJobConfig config, S3Transfer transfer) {
        Map<String, S3Location> channels = new LinkedHashMap<>();
        config.inputs().forEach((channel, source) -> {
            if (source.startsWith("s3://")) {
                channels.put(channel, S3Location.parse(source));
            } else {
                S3Location target = config.outputPath().resolve(job.value() + "/input/" + channel + "/");
                channels.put(channel, transfer.upload(Path.of(source), target));
            }
        });
        return channels;
    }

    @Override
    public List<JobStatus> status(Collection<JobName> jobs, Settings settings) {
        return withSession(settings, session -> {
            TrainingCosts costs = new TrainingCosts(prices(session), session.region().id(), Clock.systemUTC());
            List<JobStatus> statuses = new TrainingJobStatusPoller(session.sageMaker(), session.region().id(),
                    Optional.of(costs)).status(jobs);
            return withLatestMetrics(statuses, MetricNamesSetting.of(settings), new TrainingMetrics(session.cloudWatch()));
        });
    }

    /**
     * The running jobs' latest metric values, from CloudWatch in one call for up to 500 series; an ended job
     * has its final values already (FinalMetricDataList).
     */
    private List<JobStatus> withLatestMetrics(List<JobStatus> statuses, List<String> names, TrainingMetrics metrics) {
        List<JobStatus> running = statuses.stream().filter(s -> !s.state().isTerminal()).toList();
        if (running.isEmpty() || names.isEmpty()) {
            return statuses;
        }
        Instant now = Instant.now();
        Instant start = running.stream().map(s -> s.startedAt().orElse(now)).min(Instant::compareTo).orElse(now)
                .minus(Duration.ofMinutes(5));
        Map<JobName, Map<String, Double>> latest = metrics.latest(running.stream().map(JobStatus::name).toList(), names,
                start, now.plus(Duration.ofMinutes(1)));
        return statuses.stream().map(s -> latest.containsKey(s.name()) && !s.state().isTerminal()
                ? s.toBuilder().metrics(latest.get(s.name())).build() : s).toList();
    }

    @Override
    public Map<JobName, Map<String, List<MetricPoint>>> metricSeries(Collection<JobName> jobs, Settings settings,
                                                                    Instant since) {
        return withSession(settings, session -> new TrainingMetrics(session.cloudWatch())
                .series(jobs, MetricNamesSetting.of(settings), since.minus(Duration.ofMinutes(5)),
                        Instant.now().plus(Duration.ofMinutes(1))));
    }

    @Override
    public void logs(JobName job, LogRequest request, Settings settings, LogSink sink) {
        withSession(settings, session -> {
            TrainingJobStatusPoller poller = new TrainingJobStatusPoller(session.sageMaker(), session.region().id());
            new TrainingLogReader(session.logs(), logPollInterval).read(job, request,
                    () -> poller.describe(job).map(d -> StatusMapping.state(d.trainingJobStatus()).isTerminal())
                            .orElse(true),
                    sink);
            return null;
        });
    }

    @Override
    public void stop(JobName job, Settings settings) {
        withSession(settings, session -> {
            try {
                session.sageMaker().stopTrainingJob(r -> r.trainingJobName(job.value()));
            } catch (SdkException e) {
                throw AwsFailures.describe("stop training job " + job, e);
            }
            return null;
        });
    }

    @Override
    public FetchResult fetch(JobName job, Path target, boolean extract, Settings settings) {
        S3Location output = settings.uri(SageMakerSettings.OUTPUT_PATH).map(S3Location::of)
                .orElseThrow(() -> new DriverException("output_path is required to fetch a SageMaker job: pass "
                        + "--config.output_path=s3://... (the one the job ran with)"));
        return withSession(settings, session -> new ModelFetcher(new S3Transfer(session.s3()))
                .fetch(job, output, target, extract));
    }

    private <T> T withSession(Settings settings, Function<AwsSession, T> work) {
        try (AwsSession session = AwsSession.open(settings.string(SageMakerSettings.REGION),
                settings.string(SageMakerSettings.PROFILE), endpoints)) {
            return work.apply(session);
        }
    }
}
